import type { ConversationCounts } from '../../api/types';
import type { Filter } from '../../hooks/conversations-store';
import { useInboxes, useLabels, useTeams } from '../../hooks/account-data';

/** Mine / Unassigned / All with counts, status, inbox, team, label and the mention/unattended views. */
export function FilterPane({ accountId, filter, counts, onChange }: { accountId: number; filter: Filter; counts?: ConversationCounts; onChange: (f: Filter) => void }) {
  const inboxes = useInboxes(accountId).data ?? [];
  const labels = useLabels(accountId).data ?? [];
  const teams = useTeams(accountId).data ?? [];
  const tab = (value: Filter['assignee'], label: string, count?: number) => (
    <button role="tab" aria-selected={filter.assignee === value && !filter.type} className={filter.assignee === value && !filter.type ? 'tab active' : 'tab'}
      onClick={() => onChange({ ...filter, assignee: value, type: undefined })}>
      {label}{count !== undefined ? <span className="count">{count}</span> : null}
    </button>
  );
  return (
    <aside className="filters" aria-label="Conversation filters">
      <h2>Conversations</h2>
      <div role="tablist" className="tabs">
        {tab('me', 'Mine', counts?.mine_count)}
        {tab('unassigned', 'Unassigned', counts?.unassigned_count)}
        {tab('all', 'All', counts?.all_count)}
      </div>
      <label className="filter-field">Status
        <select value={filter.status} onChange={(e) => onChange({ ...filter, status: e.target.value as Filter['status'] })}>
          <option value="open">Open</option><option value="pending">Pending</option><option value="snoozed">Snoozed</option>
          <option value="resolved">Resolved</option><option value="all">All</option>
        </select>
      </label>
      <label className="filter-field">Inbox
        <select value={filter.inboxId ?? ''} onChange={(e) => onChange({ ...filter, inboxId: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">All inboxes</option>
          {inboxes.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
        </select>
      </label>
      {teams.length > 0 ? (
        <label className="filter-field">Team
          <select value={filter.teamId ?? ''} onChange={(e) => onChange({ ...filter, teamId: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">All teams</option>
            {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
      ) : null}
      <label className="filter-field">Label
        <select value={filter.label ?? ''} onChange={(e) => onChange({ ...filter, label: e.target.value || undefined })}>
          <option value="">Any label</option>
          {labels.map((l) => <option key={l.id} value={l.title}>{l.title}</option>)}
        </select>
      </label>
      <div className="views">
        <button className={filter.type === 'mention' ? 'tab active' : 'tab'} onClick={() => onChange({ ...filter, assignee: 'all', type: filter.type === 'mention' ? undefined : 'mention' })}>Mentions</button>
        <button className={filter.type === 'unattended' ? 'tab active' : 'tab'} onClick={() => onChange({ ...filter, assignee: 'all', type: filter.type === 'unattended' ? undefined : 'unattended' })}>Unattended</button>
      </div>
    </aside>
  );
}
