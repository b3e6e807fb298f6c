import { useState } from 'react';

/** Runs an async action, keeping its error (in words) and a busy flag for the form. */
export function useAction() {
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e as Error);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run, setError };
}

/** The trimmed text of a form field, or undefined when empty. */
export function textOf(form: FormData, name: string): string | undefined {
  const value = String(form.get(name) ?? '').trim();
  return value || undefined;
}
