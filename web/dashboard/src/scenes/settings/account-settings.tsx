import type { FormEvent } from 'react';
import { getAccount, updateAccount, updateProfile } from '../../api/endpoints';
import { ErrorText, Field, Spinner } from '../../components/ui';
import { useMe } from '../../hooks/session';
import { invalidate, useQuery } from '../../lib/query';
import { textOf, useAction } from './use-action';

/** Account name, language and support email. */
export function AccountSettings() {
  const me = useMe();
  const account = useQuery(`a${me.accountId}:account`, () => getAccount(me.accountId));
  const { error, busy, run } = useAction();
  if (!account.data) {
    return <><ErrorText error={account.error} /><Spinner /></>;
  }
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      await updateAccount(me.accountId, { name: textOf(form, 'name') ?? '', locale: textOf(form, 'locale') ?? 'en', support_email: textOf(form, 'support_email') ?? null });
      account.reload();
      invalidate('profile');
    });
  };
  return (
    <form className="card" onSubmit={handleSubmit} aria-label="Account settings">
      <h1>Account</h1>
      <ErrorText error={error} />
      <Field label="Account name"><input name="name" required defaultValue={account.data.name} /></Field>
      <Field label="Language"><input name="locale" defaultValue={account.data.locale} /></Field>
      <Field label="Support email"><input name="support_email" type="email" defaultValue={account.data.support_email ?? ''} /></Field>
      <button className="primary" type="submit" disabled={busy}>Save</button>
    </form>
  );
}

/** Name, display name, email and the access token of the signed-in user. */
export function ProfileSettings() {
  const me = useMe();
  const { error, busy, run } = useAction();
  const p = me.profile;
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      await updateProfile({ name: textOf(form, 'name') ?? '', display_name: textOf(form, 'display_name') ?? '', email: textOf(form, 'email') ?? '' });
      invalidate('profile');
    });
  };
  return (
    <div>
      <form className="card" onSubmit={handleSubmit} aria-label="Profile">
        <h1>Profile</h1>
        <ErrorText error={error} />
        <Field label="Full name"><input name="name" required defaultValue={p.name} /></Field>
        <Field label="Display name"><input name="display_name" defaultValue={p.display_name ?? ''} /></Field>
        <Field label="Email"><input name="email" type="email" required defaultValue={p.email} /></Field>
        <button className="primary" type="submit" disabled={busy}>Save profile</button>
      </form>
      <section className="card">
        <h2>Access token</h2>
        <p>Use it as the <code>api_access_token</code> header to call the API as yourself.</p>
        <code className="secret" data-testid="access-token">{p.access_token}</code>
      </section>
    </div>
  );
}
