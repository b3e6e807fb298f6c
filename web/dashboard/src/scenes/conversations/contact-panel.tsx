import { useState } from 'react';
import { contactConversations, getContact, listDashboardApps } from '../../api/endpoints';
import type { Contact, Conversation } from '../../api/types';
import { ContactDetails, ContactLabels } from '../../components/contact-details';
import { ContactNotes } from '../../components/contact-notes';
import { Avatar, ErrorText, Spinner } from '../../components/ui';
import { upsertConversation } from '../../hooks/conversations-store';
import { useMe } from '../../hooks/session';
import { shortTime } from '../../lib/format';
import { useQuery } from '../../lib/query';
import { Link } from '../../lib/router';
import { DashboardAppFrame } from './dashboard-app-frame';

/** The side panel: the contact tab, then one tab per dashboard app of the account. */
export function ContactPanel({ accountId, conversation }: { accountId: number; conversation: Conversation }) {
  const me = useMe();
  const contactId = conversation.meta.sender.id;
  const contact = useQuery(`a${accountId}:contact:${contactId}`, async () => (await getContact(accountId, contactId)).payload);
  const apps = useQuery(`a${accountId}:dashboard-apps`, () => listDashboardApps(accountId));
  const [tab, setTab] = useState<number | 'contact'>('contact');
  const [opened, setOpened] = useState<number[]>([]);
  const appList = apps.data ?? [];
  const current = tab !== 'contact' && appList.some((a) => a.id === tab) ? tab : 'contact';
  const handleTab = (next: number | 'contact') => {
    setTab(next);
    if (next !== 'contact' && !opened.includes(next)) {
      setOpened([...opened, next]);
    }
  };
  const context = {
    conversation, contact: contact.data,
    currentAgent: { id: me.profile.id, name: me.profile.name, email: me.profile.email },
  };
  return (
    <aside className="contact-panel" aria-label="Contact">
      {appList.length > 0 ? (
        <div role="tablist" className="tabs panel-tabs" aria-label="Side panel">
          <button role="tab" aria-selected={current === 'contact'} className={current === 'contact' ? 'tab active' : 'tab'} onClick={() => handleTab('contact')}>Contact</button>
          {appList.map((app) => (
            <button key={app.id} role="tab" aria-selected={current === app.id} className={current === app.id ? 'tab active' : 'tab'} onClick={() => handleTab(app.id)}>{app.title}</button>
          ))}
        </div>
      ) : null}
      {current === 'contact' ? <ContactTab accountId={accountId} conversation={conversation} contact={contact.data} error={contact.error} onSaved={contact.reload} /> : null}
      {appList.filter((app) => opened.includes(app.id)).map((app) => (
        <DashboardAppFrame key={app.id} app={app} context={context} visible={current === app.id} />
      ))}
    </aside>
  );
}

function ContactTab({ accountId, conversation, contact, error, onSaved }: {
  accountId: number; conversation: Conversation; contact: Contact | undefined; error: Error | undefined; onSaved: () => void;
}) {
  const contactId = conversation.meta.sender.id;
  const others = useQuery(`a${accountId}:contact:${contactId}:conversations`, async () => (await contactConversations(accountId, contactId)).payload);
  const shown = contact ?? conversation.meta.sender;
  const rest = others.data?.filter((c) => c.id !== conversation.id) ?? [];
  return (
    <>
      <div className="contact-head">
        <Avatar name={shown.name} size={48} />
        <div>
          <h3>{shown.name || 'Unnamed contact'}</h3>
          <Link to={`/app/accounts/${accountId}/contacts/${contactId}`}>Open contact</Link>
        </div>
      </div>
      <ErrorText error={error} />
      {contact ? (
        <ContactDetails accountId={accountId} contact={contact} onSaved={(c) => {
          onSaved();
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
          {rest.map((c) => (
            <li key={c.id}><Link to={`/app/accounts/${accountId}/conversations/${c.id}`}>#{c.id} · {c.status} · {shortTime(c.last_activity_at)}</Link></li>
          ))}
          {rest.length === 0 ? <li className="muted">None</li> : null}
        </ul>
      ) : <ErrorText error={others.error} />}
    </>
  );
}
