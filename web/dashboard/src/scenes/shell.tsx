import { lazy, Suspense, useEffect, useMemo, useSyncExternalStore } from 'react';
import { signOut } from '../api/endpoints';
import type { Profile } from '../api/types';
import { Icon } from '../components/icons';
import { NotificationsBell } from '../components/notifications-bell';
import { Avatar, Centered, Spinner } from '../components/ui';
import { MeContext, type Me } from '../hooks/session';
import { Link, matchPath } from '../lib/router';
import { cableStatus, connectCable, disconnectCable, onCableStatus } from '../realtime/cable';
import { ConversationsScene } from './conversations/conversations-scene';

const ContactsScene = lazy(() => import('./contacts/contacts-scene'));
const SettingsScene = lazy(() => import('./settings/settings-scene'));

/** The signed-in frame: navigation, the live connection, and the scene for the URL. */
export function Shell({ profile, accountId, rest }: { profile: Profile; accountId: number; rest: string }) {
  const membership = profile.accounts.find((a) => a.id === accountId);
  const me: Me = useMemo(() => ({ profile, accountId, isAdmin: membership?.role === 'administrator' }), [profile, accountId, membership?.role]);

  useEffect(() => {
    connectCable({ pubsubToken: profile.pubsub_token, accountId, userId: profile.id });
    return () => disconnectCable();
  }, [profile.pubsub_token, profile.id, accountId]);

  if (!membership) {
    return <Centered><p>You have no access to this account.</p><Link to="/app/">Go to your account</Link></Centered>;
  }
  const base = `/app/accounts/${accountId}`;
  const section = rest.split('/')[0];
  return (
    <MeContext.Provider value={me}>
      <div className="shell">
        <nav className="sidebar" aria-label="Main">
          <span className="brand" title={membership.name}>P</span>
          <Link to={`${base}/conversations`} className={section === 'conversations' ? 'active' : ''} title="Conversations">
            <Icon name="chat" /><span className="nav-text">Conversations</span>
          </Link>
          <Link to={`${base}/contacts`} className={section === 'contacts' ? 'active' : ''} title="Contacts">
            <Icon name="contacts" /><span className="nav-text">Contacts</span>
          </Link>
          <Link to={`${base}/settings/${me.isAdmin ? 'inboxes' : 'profile'}`} className={section === 'settings' ? 'active' : ''} title="Settings">
            <Icon name="settings" /><span className="nav-text">Settings</span>
          </Link>
          <span className="sidebar-spacer" />
          <ConnectionDot />
          <NotificationsBell accountId={accountId} />
          <Link to={`${base}/settings/profile`} title={`${profile.available_name} — profile`}><Avatar name={profile.available_name} size={28} /></Link>
          <button className="sidebar-signout" onClick={() => void signOut()} title="Sign out"><Icon name="signout" /><span className="nav-text">Sign out</span></button>
        </nav>
        <div className="scene">
          <Suspense fallback={<Centered><Spinner /></Centered>}>
            <Scene rest={rest} />
          </Suspense>
        </div>
      </div>
    </MeContext.Provider>
  );
}

function Scene({ rest }: { rest: string }) {
  const path = `/${rest}`;
  const conversation = matchPath('/conversations/:id', path);
  if (conversation || matchPath('/conversations', path)) {
    return <ConversationsScene conversationId={conversation ? Number(conversation.id) : null} />;
  }
  const contact = matchPath('/contacts/:id', path);
  if (contact || matchPath('/contacts', path)) {
    return <ContactsScene contactId={contact ? Number(contact.id) : null} />;
  }
  const settings = matchPath('/settings/*', path);
  if (settings) {
    return <SettingsScene path={settings['*']} />;
  }
  return <Centered><p>This page does not exist.</p></Centered>;
}

function ConnectionDot() {
  const status = useSyncExternalStore(onCableStatus, cableStatus);
  const words = status === 'connected' ? 'Live updates connected' : status === 'connecting' ? 'Connecting…' : 'Live updates disconnected; reconnecting';
  return <span className={`connection connection-${status}`} title={words} role="status" aria-label={words} />;
}
