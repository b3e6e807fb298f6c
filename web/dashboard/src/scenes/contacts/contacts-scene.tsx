import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { contactConversations, createContact, deleteContact, exportContacts, getContact, listContacts, mergeContacts, searchContacts } from '../../api/endpoints';
import type { Contact } from '../../api/types';
import { ContactDetails, ContactLabels } from '../../components/contact-details';
import { ContactNotes } from '../../components/contact-notes';
import { ContactImport } from './contact-import';
import { useMe } from '../../hooks/session';
import { Avatar, Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { shortTime } from '../../lib/format';
import { invalidate, useQuery } from '../../lib/query';
import { Link, navigate } from '../../lib/router';

const SORTS: Array<[string, string]> = [['name', 'Name (A–Z)'], ['-name', 'Name (Z–A)'], ['-last_activity_at', 'Last activity'], ['email', 'Email'], ['-created_at', 'Newest']];

/** Contacts: searchable, sortable list with infinite scroll; a contact's page; create, edit, delete. */
export default function ContactsScene({ contactId }: { contactId: number | null }) {
  const me = useMe();
  return contactId ? <ContactPage accountId={me.accountId} contactId={contactId} /> : <ContactList accountId={me.accountId} />;
}

function ContactList({ accountId }: { accountId: number }) {
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('name');
  const [rows, setRows] = useState<Contact[]>([]);
  const [page, setPage] = useState(0);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [reloadCount, setReloadCount] = useState(0);
  const isAdmin = useMe().isAdmin;
  const generation = useRef(0);
  const sentinel = useRef<HTMLDivElement>(null);

  const loadPage = async (next: number, gen: number) => {
    setLoading(true);
    try {
      const result = q.trim() ? await searchContacts(accountId, q.trim(), next, sort) : await listContacts(accountId, next, sort);
      if (gen !== generation.current) {
        return;
      }
      setRows((old) => (next === 1 ? result.payload : [...old, ...result.payload.filter((c) => !old.some((o) => o.id === c.id))]));
      setPage(next);
      setDone(result.payload.length === 0);
      setError(null);
    } catch (e) {
      if (gen === generation.current) {
        setError(e as Error);
        setDone(true);
      }
    } finally {
      if (gen === generation.current) {
        setLoading(false);
      }
    }
  };

  const handleImported = useCallback(() => setReloadCount((n) => n + 1), []);

  useEffect(() => {
    const gen = ++generation.current;
    const timer = window.setTimeout(() => { setDone(false); void loadPage(1, gen); }, q ? 250 : 0);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, sort, accountId, reloadCount]);

  useEffect(() => {
    const node = sentinel.current;
    if (!node || done) {
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !loading && page > 0) {
        void loadPage(page + 1, generation.current);
      }
    });
    observer.observe(node);
    return () => observer.disconnect();
  });

  return (
    <div className="page">
      <header className="page-header">
        <h1>Contacts</h1>
        <input type="search" aria-label="Search contacts" placeholder="Search by name, email, phone or identifier" value={q} onChange={(e) => setQ(e.target.value)} />
        <select aria-label="Sort contacts" value={sort} onChange={(e) => setSort(e.target.value)}>
          {SORTS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
        <button className="primary" onClick={() => setCreating(true)}>New contact</button>
        {isAdmin ? <button onClick={() => setImporting(true)}>Import CSV</button> : null}
        {isAdmin ? <button onClick={() => exportContacts(accountId).catch(setError)}>Export CSV</button> : null}
      </header>
      {creating ? <NewContact accountId={accountId} onDone={() => setCreating(false)} /> : null}
      {importing ? <ContactImport accountId={accountId} onFinished={handleImported} onClose={() => setImporting(false)} /> : null}
      <ErrorText error={error} />
      {rows.length === 0 && !loading && !error ? <Empty title={q ? 'No contact matches' : 'No contacts yet'} /> : null}
      <table className="table">
        <thead><tr><th>Name</th><th>Email</th><th>Phone</th><th>Last activity</th></tr></thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <td><Link to={`/app/accounts/${accountId}/contacts/${c.id}`} className="with-avatar"><Avatar name={c.name} size={24} />{c.name || 'Unnamed'}</Link></td>
              <td>{c.email}</td><td>{c.phone_number}</td><td>{shortTime(c.last_activity_at ?? undefined)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div ref={sentinel}>{loading ? <Spinner label="Loading contacts" /> : null}</div>
    </div>
  );
}

function NewContact({ accountId, onDone }: { accountId: number; onDone: () => void }) {
  const [error, setError] = useState<Error | null>(null);
  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    try {
      const result = await createContact(accountId, { name: text('name'), email: text('email') ?? null, phone_number: text('phone_number') ?? null });
      onDone();
      navigate(`/app/accounts/${accountId}/contacts/${result.payload.contact.id}`);
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <form className="card inline-form" onSubmit={handleSubmit} aria-label="New contact">
      <ErrorText error={error} />
      <Field label="Name"><input name="name" required /></Field>
      <Field label="Email"><input name="email" type="email" /></Field>
      <Field label="Phone"><input name="phone_number" placeholder="+14155550123" /></Field>
      <div className="form-actions"><button className="primary" type="submit">Create contact</button><button type="button" onClick={onDone}>Cancel</button></div>
    </form>
  );
}

function ContactPage({ accountId, contactId }: { accountId: number; contactId: number }) {
  const contact = useQuery(`a${accountId}:contact:${contactId}`, async () => (await getContact(accountId, contactId)).payload);
  const conversations = useQuery(`a${accountId}:contact:${contactId}:conversations`, async () => (await contactConversations(accountId, contactId)).payload);
  const [error, setError] = useState<Error | null>(null);
  const [merging, setMerging] = useState(false);
  const handleDelete = async () => {
    if (!window.confirm('Delete this contact and all their conversations? This cannot be undone.')) {
      return;
    }
    try {
      await deleteContact(accountId, contactId);
      invalidate(`a${accountId}:contact`);
      navigate(`/app/accounts/${accountId}/contacts`);
    } catch (e) {
      setError(e as Error);
    }
  };
  if (contact.error) {
    return <div className="page"><ErrorText error={contact.error} /><Link to={`/app/accounts/${accountId}/contacts`}>Back to contacts</Link></div>;
  }
  if (!contact.data) {
    return <div className="page"><Spinner /></div>;
  }
  const c = contact.data;
  return (
    <div className="page contact-page">
      <header className="page-header">
        <Link to={`/app/accounts/${accountId}/contacts`} aria-label="Back to contacts">←</Link>
        <Avatar name={c.name} size={40} />
        <h1>{c.name || 'Unnamed contact'}</h1>
        <span className="spacer" />
        <button onClick={() => setMerging(!merging)} aria-expanded={merging}>Merge</button>
        <button className="danger" onClick={() => void handleDelete()}>Delete contact</button>
      </header>
      <ErrorText error={error} />
      {merging ? <MergeContact accountId={accountId} contact={c} onCancel={() => setMerging(false)} /> : null}
      <div className="two-columns">
        <section className="card">
          <h2>Details</h2>
          <ContactDetails accountId={accountId} contact={c} onSaved={() => contact.reload()} />
          <h2>Labels</h2>
          <ContactLabels accountId={accountId} contactId={contactId} />
          <h2>Notes</h2>
          <ContactNotes accountId={accountId} contactId={contactId} />
        </section>
        <section className="card">
          <h2>Conversations</h2>
          {conversations.data?.length === 0 ? <p className="muted">No conversations yet.</p> : null}
          <ul className="other-conversations">
            {conversations.data?.map((conv) => (
              <li key={conv.id}><Link to={`/app/accounts/${accountId}/conversations/${conv.id}`}>#{conv.id} · {conv.status} · {shortTime(conv.last_activity_at)} — {conv.last_non_activity_message?.content ?? conv.messages?.[0]?.content ?? ''}</Link></li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

/** Merges this contact into another one (the one kept), found by search. */
function MergeContact({ accountId, contact, onCancel }: { accountId: number; contact: Contact; onCancel: () => void }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Contact[]>([]);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    if (q.trim().length < 2) {
      setResults([]);
      return;
    }
    const timer = window.setTimeout(() => {
      searchContacts(accountId, q.trim(), 1, 'name').then((r) => setResults(r.payload.filter((x) => x.id !== contact.id)), setError);
    }, 250);
    return () => window.clearTimeout(timer);
  }, [q, accountId, contact.id]);
  const handleMerge = async (base: Contact) => {
    if (!window.confirm(`Merge ${contact.name || 'this contact'} into ${base.name || 'the chosen contact'}? Conversations, notes and labels move; this contact is deleted.`)) {
      return;
    }
    try {
      await mergeContacts(accountId, base.id, contact.id);
      invalidate(`a${accountId}:contact`);
      navigate(`/app/accounts/${accountId}/contacts/${base.id}`);
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <section className="card" aria-label="Merge contact">
      <h2>Merge into another contact</h2>
      <p className="muted">Pick the contact to keep; this one's conversations, notes and labels move to it.</p>
      <ErrorText error={error} />
      <input type="search" aria-label="Find the contact to keep" placeholder="Search by name, email or phone" value={q} onChange={(e) => setQ(e.target.value)} />
      <ul className="plain-list">
        {results.map((r) => (
          <li key={r.id} className="card row">
            <span>{r.name || 'Unnamed'} <small className="muted">{r.email ?? r.phone_number ?? ''}</small></span>
            <button onClick={() => void handleMerge(r)}>Merge into {r.name || 'this contact'}</button>
          </li>
        ))}
      </ul>
      <button onClick={onCancel}>Cancel</button>
    </section>
  );
}
