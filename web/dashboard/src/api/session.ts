// The signed-in session, kept in localStorage so a reload stays signed in.

/** devise_token_auth headers from `/auth/sign_in`, or an access token (onboarding, profile token). */
export type Credentials =
  | { kind: 'devise'; accessToken: string; client: string; uid: string }
  | { kind: 'token'; token: string };

const KEY = 'parley.session';
let current: Credentials | null = read();
const listeners = new Set<() => void>();

function read(): Credentials | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Credentials) : null;
  } catch {
    return null;
  }
}

/** The credentials sent with every API call, or null when signed out. */
export function credentials(): Credentials | null {
  return current;
}

/** Stores (or with null, forgets) the credentials and tells subscribers. */
export function setCredentials(next: Credentials | null): void {
  current = next;
  if (next) {
    localStorage.setItem(KEY, JSON.stringify(next));
  } else {
    localStorage.removeItem(KEY);
  }
  listeners.forEach((listener) => listener());
}

/** Calls `listener` whenever the session changes; returns the unsubscribe function. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The request headers for the credentials. */
export function authHeaders(c: Credentials | null): Record<string, string> {
  if (!c) {
    return {};
  }
  return c.kind === 'devise' ? { 'access-token': c.accessToken, client: c.client, uid: c.uid, 'token-type': 'Bearer' } : { api_access_token: c.token };
}
