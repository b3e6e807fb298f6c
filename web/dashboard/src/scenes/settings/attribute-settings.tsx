import { useState, type FormEvent } from 'react';
import { createAttributeDefinition, deleteAttributeDefinition, updateAttributeDefinition } from '../../api/endpoints';
import type { CustomAttributeDefinition } from '../../api/types';
import { Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useAttributeDefinitions } from '../../hooks/account-data';
import { useMe } from '../../hooks/session';
import { textOf, useAction } from './use-action';

const TYPES = ['text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox'];

function AttributeForm({ item, onDone }: { item?: CustomAttributeDefinition; onDone: () => void }) {
  const me = useMe();
  const list = useAttributeDefinitions(me.accountId);
  const { error, busy, run } = useAction();
  const [type, setType] = useState(item?.attribute_display_type ?? 'text');
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Partial<CustomAttributeDefinition> = {
      attribute_display_name: textOf(form, 'name') ?? '', attribute_description: textOf(form, 'description') ?? null,
      ...(item ? {} : { attribute_key: textOf(form, 'key') ?? '', attribute_model: String(form.get('model')), attribute_display_type: type }),
      ...(type === 'list' ? { attribute_values: String(form.get('values') ?? '').split(',').map((v) => v.trim()).filter(Boolean) } : {}),
    };
    void run(async () => {
      await (item ? updateAttributeDefinition(me.accountId, item.id, body) : createAttributeDefinition(me.accountId, body));
      list.reload();
      onDone();
    });
  };
  return (
    <form className="card inline-form" onSubmit={handleSubmit} aria-label={item ? `Edit attribute ${item.attribute_key}` : 'New custom attribute'}>
      <ErrorText error={error} />
      <Field label="Display name"><input name="name" required defaultValue={item?.attribute_display_name ?? ''} /></Field>
      {item ? null : (
        <>
          <Field label="Key" hint="Letters, digits, _, . and -"><input name="key" required /></Field>
          <Field label="Applies to"><select name="model"><option value="contact_attribute">Contacts</option><option value="conversation_attribute">Conversations</option></select></Field>
          <Field label="Type"><select value={type} onChange={(e) => setType(e.target.value)}>{TYPES.map((t) => <option key={t} value={t}>{t}</option>)}</select></Field>
        </>
      )}
      {type === 'list' ? <Field label="Values" hint="Separated by commas"><input name="values" defaultValue={(item?.attribute_values ?? []).join(', ')} /></Field> : null}
      <Field label="Description"><input name="description" defaultValue={item?.attribute_description ?? ''} /></Field>
      <div className="form-actions"><button className="primary" type="submit" disabled={busy}>Save attribute</button><button type="button" onClick={onDone}>Cancel</button></div>
    </form>
  );
}

/** Custom attribute definitions for contacts and conversations. */
export function AttributeSettings() {
  const me = useMe();
  const list = useAttributeDefinitions(me.accountId);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const { error, run } = useAction();
  return (
    <div>
      <header className="page-header"><h1>Custom attributes</h1><button className="primary" onClick={() => setEditing('new')}>New attribute</button></header>
      <ErrorText error={error ?? list.error} />
      {editing === 'new' ? <AttributeForm onDone={() => setEditing(null)} /> : null}
      {!list.data ? <Spinner /> : list.data.length === 0 ? <Empty title="No custom attributes yet" /> : null}
      <table className="table">
        <tbody>
          {list.data?.map((a) => editing === a.id ? (
            <tr key={a.id}><td colSpan={4}><AttributeForm item={a} onDone={() => setEditing(null)} /></td></tr>
          ) : (
            <tr key={a.id}>
              <td><strong>{a.attribute_display_name}</strong><br /><code>{a.attribute_key}</code></td>
              <td>{a.attribute_model === 'conversation_attribute' ? 'Conversations' : 'Contacts'}</td>
              <td>{a.attribute_display_type}</td>
              <td className="row-actions">
                <button onClick={() => setEditing(a.id)} aria-label={`Edit ${a.attribute_key}`}>Edit</button>
                <button className="danger" aria-label={`Delete ${a.attribute_key}`} onClick={() => {
                  if (window.confirm(`Delete the attribute ${a.attribute_display_name}?`)) {
                    void run(async () => { await deleteAttributeDefinition(me.accountId, a.id); list.reload(); });
                  }
                }}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
