import { useCallback, useEffect, useSyncExternalStore } from 'react';

// A small cache for API reads: one entry per key, shared by every component that asks for it,
// updated in place by mutations and /cable frames (setQueryData), refetched on invalidate.

interface Entry<T> { data?: T; error?: Error; loading: boolean; fetcher?: () => Promise<T>; stamp: number }

const entries = new Map<string, Entry<unknown>>();
const listeners = new Map<string, Set<() => void>>();

function notify(key: string): void {
  listeners.get(key)?.forEach((l) => l());
}

function entryOf<T>(key: string): Entry<T> {
  let entry = entries.get(key) as Entry<T> | undefined;
  if (!entry) {
    entry = { loading: false, stamp: 0 };
    entries.set(key, entry as Entry<unknown>);
  }
  return entry;
}

async function load<T>(key: string): Promise<void> {
  const entry = entryOf<T>(key);
  if (!entry.fetcher) {
    return;
  }
  const stamp = ++entry.stamp;
  entries.set(key, { ...entry, loading: true, stamp } as Entry<unknown>);
  notify(key);
  try {
    const data = await entry.fetcher();
    if (entryOf<T>(key).stamp === stamp) {
      entries.set(key, { ...entryOf<T>(key), data, error: undefined, loading: false } as Entry<unknown>);
    }
  } catch (error) {
    if (entryOf<T>(key).stamp === stamp) {
      entries.set(key, { ...entryOf<T>(key), error: error as Error, loading: false } as Entry<unknown>);
    }
  }
  notify(key);
}

/** Replaces (or with a function, updates) the cached data of `key`. */
export function setQueryData<T>(key: string, update: T | ((old: T | undefined) => T | undefined)): void {
  const entry = entryOf<T>(key);
  const data = typeof update === 'function' ? (update as (old: T | undefined) => T | undefined)(entry.data) : update;
  entries.set(key, { ...entry, data } as Entry<unknown>);
  notify(key);
}

/** Refetches every entry whose key starts with `prefix` that someone has loaded. */
export function invalidate(prefix: string): void {
  for (const [key, entry] of entries) {
    if (key.startsWith(prefix) && entry.fetcher) {
      void load(key);
    }
  }
}

/** Forgets every cached answer except those under `keep` (sign-out keeps the installation's status). */
export function clearQueries(keep: string[] = []): void {
  for (const key of [...entries.keys()]) {
    if (!keep.includes(key)) {
      entries.delete(key);
      notify(key);
    }
  }
}

/** Reads `key`, fetching it with `fetcher` the first time. `key` null means "nothing to load yet". */
export function useQuery<T>(key: string | null, fetcher: () => Promise<T>): { data?: T; error?: Error; loading: boolean; reload: () => void } {
  const subscribe = useCallback((listener: () => void) => {
    if (!key) {
      return () => undefined;
    }
    const set = listeners.get(key) ?? new Set();
    set.add(listener);
    listeners.set(key, set);
    return () => set.delete(listener);
  }, [key]);
  const entry = useSyncExternalStore(subscribe, () => (key ? entries.get(key) : undefined)) as Entry<T> | undefined;
  useEffect(() => {
    if (!key) {
      return;
    }
    const current = entryOf<T>(key);
    current.fetcher = fetcher;
    if (current.data === undefined && !current.loading && !current.error) {
      void load<T>(key);
    }
    // The fetcher is identified by the key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const reload = useCallback(() => { if (key) { void load(key); } }, [key]);
  return { data: entry?.data, error: entry?.error, loading: entry?.loading ?? key !== null, reload };
}
