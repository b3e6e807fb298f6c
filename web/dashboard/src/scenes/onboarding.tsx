import { useState, type FormEvent } from 'react';
import { onboard } from '../api/endpoints';
import { ErrorText } from '../components/ui';
import { setQueryData } from '../lib/query';
import { navigate } from '../lib/router';
import { Field } from '../components/ui';

/** First run: creates the account and its first administrator, then signs them in. */
export function Onboarding() {
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    setBusy(true);
    setError(null);
    try {
      const result = await onboard({ account_name: value('account_name'), name: value('name'), email: value('email'), password: value('password') });
      setQueryData('onboarding', { needs_onboarding: false });
      navigate(`/app/accounts/${result.account_id}/conversations`, { replace: true });
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={handleSubmit}>
        <h1>Welcome to Parley</h1>
        <p>Create your company's account and its first administrator.</p>
        <ErrorText error={error} />
        <Field label="Company name"><input name="account_name" required autoComplete="organization" /></Field>
        <Field label="Your name"><input name="name" required autoComplete="name" /></Field>
        <Field label="Work email"><input name="email" type="email" required autoComplete="email" /></Field>
        <Field label="Password"><input name="password" type="password" required minLength={6} autoComplete="new-password" /></Field>
        <button className="primary" type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create account'}</button>
      </form>
    </main>
  );
}
