import { createContext, useContext, useSyncExternalStore } from 'react';
import { credentials, onSessionChange } from '../api/session';
import type { Profile } from '../api/types';

/** True while credentials are stored (re-renders on sign-in / sign-out). */
export function useSignedIn(): boolean {
  return useSyncExternalStore(onSessionChange, () => credentials() !== null);
}

/** The signed-in user and the account in view. */
export interface Me { profile: Profile; accountId: number; isAdmin: boolean }
export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside the signed-in shell. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) {
    throw new Error('useMe outside the signed-in shell');
  }
  return me;
}
