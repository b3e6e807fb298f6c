import type { FormEvent } from 'react';
import { getAccount, updateAccount } from '../../api/endpoints';
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

