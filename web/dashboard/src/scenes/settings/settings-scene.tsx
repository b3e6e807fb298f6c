import { useMe } from '../../hooks/session';
import { Link } from '../../lib/router';
import { AccountSettings } from './account-settings';
import { ProfileSettings } from './profile-settings';
import { AgentBotSettings } from './agent-bot-settings';
import { WebhookSettings } from './webhook-settings';
import { AgentSettings } from './agent-settings';
import { AttributeSettings } from './attribute-settings';
import { TeamSettings } from './team-settings';
import { CannedResponseSettings } from './canned-response-settings';
import { DashboardAppSettings } from './dashboard-app-settings';
import { InboxSettings } from './inbox-settings';
import { LabelSettings } from './label-settings';

const SECTIONS: Array<[string, string, boolean]> = [
  ['account', 'Account', true], ['agents', 'Agents', true], ['teams', 'Teams', true], ['inboxes', 'Inboxes', true], ['labels', 'Labels', true], ['custom-attributes', 'Custom attributes', true],
  ['webhooks', 'Webhooks', true], ['agent-bots', 'Agent bots', true], ['dashboard-apps', 'Dashboard apps', true], ['canned-responses', 'Canned responses', false], ['profile', 'Profile', false],
];

/** Settings: administrators see every section, agents their profile. Loaded on demand. */
export default function SettingsScene({ path }: { path: string }) {
  const me = useMe();
  const [section, id] = path.split('/');
  const allowed = SECTIONS.filter(([, , adminOnly]) => me.isAdmin || !adminOnly);
  const current = allowed.find(([key]) => key === section)?.[0] ?? 'profile';
  const base = `/app/accounts/${me.accountId}/settings`;
  return (
    <div className="settings">
      <nav className="settings-nav" aria-label="Settings">
        <h2>Settings</h2>
        {allowed.map(([key, label]) => <Link key={key} to={`${base}/${key}`} className={key === current ? 'active' : ''}>{label}</Link>)}
      </nav>
      <div className="settings-body">
        {current === 'account' ? <AccountSettings /> : null}
        {current === 'agents' ? <AgentSettings /> : null}
        {current === 'inboxes' ? <InboxSettings inboxId={id ? Number(id) : null} /> : null}
        {current === 'teams' ? <TeamSettings /> : null}
        {current === 'labels' ? <LabelSettings /> : null}
        {current === 'custom-attributes' ? <AttributeSettings /> : null}
        {current === 'webhooks' ? <WebhookSettings /> : null}
        {current === 'agent-bots' ? <AgentBotSettings /> : null}
        {current === 'dashboard-apps' ? <DashboardAppSettings /> : null}
        {current === 'canned-responses' ? <CannedResponseSettings /> : null}
        {current === 'profile' ? <ProfileSettings /> : null}
      </div>
    </div>
  );
}
