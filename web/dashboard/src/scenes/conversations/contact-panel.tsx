import { contactConversations, getContact } from '../../api/endpoints';
import type { Conversation } from '../../api/types';
import { ContactDetails, ContactLabels } from '../../components/contact-details';
import { ContactNotes } from '../../components/contact-notes';
import { Avatar, ErrorText, Spinner } from '../../components/ui';
import { upsertConversation } from '../../hooks/conversations-store';
import { shortTime } from '../../lib/format';
import { useQuery } from '../../lib/query';
import { Link } from '../../lib/router';

/** The side panel: who the contact is, their details, labels and other conversations. */
export function ContactPanel({ accountId, conversation }: { accountId: number; conversation: Conversation }) {
  const contactId = conversation.meta.sender.id;
  const contact = useQuery(`a${accountId}:contact:${contactId}`, async () => (await getContact(accountId, contactId)).payload);
  const others = useQuery(`a${accountId}:contact:${contactId}:conversations`, async () => (await contactConversations(accountId, contactId)).payload);
  const shown = contact.data ?? conversation.meta.sender;
  return (
    <aside className="contact-panel" aria-label="Contact">
      <div className="contact-head">
        <Avatar name={shown.name} size={48} />
        <div>
          <h3>{shown.name || 'Unnamed contact'}</h3>
          <Link to={`/app/accounts/${accountId}/contacts/${contactId}`}>Open contact</Link>
        </div>
      </div>
      <ErrorText error={contact.error} />
      {contact.data ? (
        <ContactDetails accountId={accountId} contact={contact.data} onSaved={(c) => {
          contact.reload();
          upsertConversation({ ...conversation, updated_at: undefined, meta: { ...conversation.meta, sender: { ...conversation.meta.sender, ...c } } });
        }} />
      ) : <Spinner />}
      <h4>Labels</h4>
      <ContactLabels accountId={accountId} contactId={contactId} />
      <h4>Notes</h4>
      <ContactNotes accountId={accountId} contactId={contactId} />
      <h4>Other conversations</h4>
      {others.data ? (
        <ul className="other-conversations">
          {others.data.filter((c) => c.id !== conversation.id).map((c) => (
            <li key={c.id}><Link to={`/app/accounts/${accountId}/conversations/${c.id}`}>#{c.id} · {c.status} · {shortTime(c.last_activity_at)}</Link></li>
          ))}
          {others.data.filter((c) => c.id !== conversation.id).length === 0 ? <li className="muted">None</li> : null}
        </ul>
      ) : <ErrorText error={others.error} />}
    </aside>
  );
}
