import { useState, type FormEvent } from 'react';
import { createCannedResponse, deleteCannedResponse, updateCannedResponse } from '../../api/endpoints';
import type { CannedResponse } from '../../api/types';
import { Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useCannedResponses } from '../../hooks/account-data';
import { useMe } from '../../hooks/session';
import { textOf, useAction } from './use-action';

function CannedForm({ item, onDone }: { item?: CannedResponse; onDone: () => void }) {
  const me = useMe();
  const list = useCannedResponses(me.accountId);
  const { error, busy, run } = useAction();
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { short_code: textOf(form, 'short_code') ?? '', content: String(form.get('content') ?? '') };
    void run(async () => {
      await (item ? updateCannedResponse(me.accountId, item.id, body) : createCannedResponse(me.accountId, body));
      list.reload();
      onDone();
    });
  };
  return (
    <form className="card inline-form" onSubmit={handleSubmit} aria-label={item ? `Edit canned response ${item.short_code}` : 'New canned response'}>
      <ErrorText error={error} />
      <Field label="Short code" hint="Type / and this code in the reply box"><input name="short_code" required defaultValue={item?.short_code ?? ''} /></Field>
      <Field label="Message"><textarea name="content" required rows={4} defaultValue={item?.content ?? ''} /></Field>
      <div className="form-actions"><button className="primary" type="submit" disabled={busy}>Save</button><button type="button" onClick={onDone}>Cancel</button></div>
    </form>
  );
}

/** Canned responses: list, create, edit, delete. */
export function CannedResponseSettings() {
  const me = useMe();
  const list = useCannedResponses(me.accountId);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const { error, run } = useAction();
  return (
    <div>
      <header className="page-header"><h1>Canned responses</h1><button className="primary" onClick={() => setEditing('new')}>New canned response</button></header>
      <ErrorText error={error ?? list.error} />
      {editing === 'new' ? <CannedForm onDone={() => setEditing(null)} /> : null}
      {!list.data ? <Spinner /> : list.data.length === 0 ? <Empty title="No canned responses yet" /> : null}
      <ul className="plain-list">
        {list.data?.map((c) => editing === c.id ? <li key={c.id}><CannedForm item={c} onDone={() => setEditing(null)} /></li> : (
          <li key={c.id} className="card row">
            <span><strong>/{c.short_code}</strong><br /><span className="pre">{c.content}</span></span>
            <span className="row-actions">
              <button onClick={() => setEditing(c.id)} aria-label={`Edit ${c.short_code}`}>Edit</button>
              <button className="danger" aria-label={`Delete ${c.short_code}`} onClick={() => {
                if (window.confirm(`Delete /${c.short_code}?`)) {
                  void run(async () => { await deleteCannedResponse(me.accountId, c.id); list.reload(); });
                }
              }}>Delete</button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
