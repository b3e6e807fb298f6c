import { useState, type FormEvent } from 'react';
import { createNote, deleteNote, listNotes } from '../api/endpoints';
import { fullTime, shortTime } from '../lib/format';
import { useQuery } from '../lib/query';
import { ErrorText } from './ui';

/** Notes agents keep about a contact: newest first, add and delete. */
export function ContactNotes({ accountId, contactId }: { accountId: number; contactId: number }) {
  const notes = useQuery(`a${accountId}:contact:${contactId}:notes`, () => listNotes(accountId, contactId));
  const [text, setText] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      return;
    }
    try {
      await createNote(accountId, contactId, text);
      setText('');
      setError(null);
      notes.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  const handleDelete = async (id: number) => {
    try {
      await deleteNote(accountId, contactId, id);
      notes.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  const sorted = [...(notes.data ?? [])].sort((a, b) => b.created_at - a.created_at);
  return (
    <div className="contact-notes">
      <ErrorText error={error ?? notes.error} />
      <form onSubmit={handleSubmit} aria-label="Add a note">
        <textarea aria-label="New note" rows={2} value={text} placeholder="Add a note about this contact" onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={!text.trim()}>Add note</button>
      </form>
      <ul className="plain-list">
        {sorted.map((n) => (
          <li key={n.id} className="note">
            <p className="pre">{n.content}</p>
            <small className="muted" title={fullTime(n.created_at)}>{n.user?.available_name ?? n.user?.name ?? ''} · {shortTime(n.created_at)}</small>
            <button className="link" onClick={() => void handleDelete(n.id)} aria-label="Delete note">Delete</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
