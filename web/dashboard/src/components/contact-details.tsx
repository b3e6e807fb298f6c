import { useState, type FormEvent } from 'react';
import { contactLabels, setContactLabels, updateContact } from '../api/endpoints';
import type { Contact } from '../api/types';
import { useLabels } from '../hooks/account-data';
import { invalidate, useQuery } from '../lib/query';
import { ErrorText, Field } from './ui';

/** Editable contact details and custom attributes; `onSaved` gets the updated contact. */
export function ContactDetails({ accountId, contact, onSaved }: { accountId: number; contact: Contact; onSaved?: (c: Contact) => void }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [attributes, setAttributes] = useState<Array<[string, string]>>([]);

  const startEditing = () => {
    setAttributes(Object.entries(contact.custom_attributes ?? {}).map(([k, v]) => [k, String(v ?? '')]));
    setEditing(true);
  };

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || null;
    try {
      const custom = Object.fromEntries(attributes.filter(([k]) => k.trim()).map(([k, v]) => [k.trim(), v]));
      const { payload } = await updateContact(accountId, contact.id, {
        name: text('name') ?? '', email: text('email'), phone_number: text('phone_number'), custom_attributes: custom,
      });
      setEditing(false);
      setError(null);
      invalidate(`a${accountId}:contact`);
      onSaved?.(payload);
    } catch (e) {
      setError(e as Error);
    }
  };

  if (!editing) {
    const custom = Object.entries(contact.custom_attributes ?? {});
    return (
      <div className="contact-details">
        <dl>
          <dt>Email</dt><dd>{contact.email ?? '—'}</dd>
          <dt>Phone</dt><dd>{contact.phone_number ?? '—'}</dd>
          {contact.identifier ? <><dt>Identifier</dt><dd>{contact.identifier}</dd></> : null}
          {custom.map(([k, v]) => <div key={k} className="dl-row"><dt>{k}</dt><dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd></div>)}
        </dl>
        <button onClick={startEditing}>Edit contact</button>
      </div>
    );
  }
  return (
    <form className="contact-details" onSubmit={handleSubmit}>
      <ErrorText error={error} />
      <Field label="Name"><input name="name" defaultValue={contact.name ?? ''} /></Field>
      <Field label="Email"><input name="email" type="email" defaultValue={contact.email ?? ''} /></Field>
      <Field label="Phone" hint="International format, e.g. +14155550123"><input name="phone_number" defaultValue={contact.phone_number ?? ''} /></Field>
      <fieldset>
        <legend>Custom attributes</legend>
        {attributes.map(([k, v], i) => (
          <div key={i} className="attribute-row">
            <input aria-label="Attribute name" value={k} onChange={(e) => setAttributes(attributes.map((a, j) => (j === i ? [e.target.value, a[1]] : a)))} />
            <input aria-label={`Value of ${k || 'attribute'}`} value={v} onChange={(e) => setAttributes(attributes.map((a, j) => (j === i ? [a[0], e.target.value] : a)))} />
            <button type="button" aria-label="Remove attribute" onClick={() => setAttributes(attributes.filter((_, j) => j !== i))}>×</button>
          </div>
        ))}
        <button type="button" onClick={() => setAttributes([...attributes, ['', '']])}>Add attribute</button>
      </fieldset>
      <div className="form-actions">
        <button className="primary" type="submit">Save</button>
        <button type="button" onClick={() => setEditing(false)}>Cancel</button>
      </div>
    </form>
  );
}

/** The contact's labels, toggled from the account's label list. */
export function ContactLabels({ accountId, contactId }: { accountId: number; contactId: number }) {
  const key = `a${accountId}:contact:${contactId}:labels`;
  const current = useQuery(key, async () => (await contactLabels(accountId, contactId)).payload);
  const labels = useLabels(accountId).data ?? [];
  const [error, setError] = useState<Error | null>(null);
  const selected = current.data ?? [];
  const toggle = async (title: string, on: boolean) => {
    try {
      await setContactLabels(accountId, contactId, on ? [...selected, title] : selected.filter((l) => l !== title));
      current.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <div className="contact-labels">
      <ErrorText error={error ?? current.error} />
      {labels.length === 0 ? <p className="muted">No labels defined.</p> : null}
      {labels.map((l) => (
        <label key={l.id} className="check">
          <input type="checkbox" checked={selected.includes(l.title)} onChange={(e) => void toggle(l.title, e.target.checked)} />
          <i className="chip-dot" style={{ background: l.color }} />{l.title}
        </label>
      ))}
    </div>
  );
}
