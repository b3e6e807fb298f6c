import { useEffect, useRef } from 'react';
import type { Conversation, Inbox } from '../../api/types';
import { Avatar, Chip, Empty, ErrorText, Spinner } from '../../components/ui';
import { loadMoreConversations, useConversationsState } from '../../hooks/conversations-store';
import { shortTime } from '../../lib/format';
import { Link } from '../../lib/router';

const PRIORITY_COLORS: Record<string, string> = { low: '#64748b', medium: '#ca8a04', high: '#ea580c', urgent: '#dc2626' };

function preview(c: Conversation): string {
  const m = c.last_non_activity_message ?? c.messages?.[0];
  if (!m) {
    return 'No messages yet';
  }
  if (m.content) {
    return m.content;
  }
  return m.attachments?.length ? `📎 ${m.attachments.length} attachment${m.attachments.length > 1 ? 's' : ''}` : '';
}

function Row({ c, active, href, inbox }: { c: Conversation; active: boolean; href: string; inbox?: Inbox }) {
  const name = c.meta.sender.name || c.meta.sender.email || c.meta.sender.phone_number || `Contact #${c.meta.sender.id}`;
  return (
    <li>
      <Link to={href} className={`conversation-row ${active ? 'active' : ''} ${c.unread_count > 0 ? 'unread' : ''}`} aria-current={active ? 'page' : undefined} data-conversation-id={c.id}>
        <Avatar name={name} />
        <div className="row-main">
          <div className="row-top">
            <span className="row-name">{name}</span>
            <time className="row-time">{shortTime(c.last_activity_at || c.timestamp)}</time>
          </div>
          <div className="row-sub">
            <span className="row-inbox">{inbox?.name ?? `Inbox ${c.inbox_id}`}</span>
            {c.meta.assignee ? <span className="row-assignee" title="Assignee">→ {c.meta.assignee.available_name ?? c.meta.assignee.name}</span> : null}
          </div>
          <div className="row-preview">
            <span className="row-preview-text">{preview(c)}</span>
            {c.unread_count > 0 ? <span className="badge" aria-label={`${c.unread_count} unread`}>{c.unread_count}</span> : null}
          </div>
          {c.priority || c.labels.length > 0 ? (
            <div className="row-chips">
              {c.priority ? <Chip color={PRIORITY_COLORS[c.priority]} title="Priority">{c.priority}</Chip> : null}
              {c.labels.map((l) => <Chip key={l}>{l}</Chip>)}
            </div>
          ) : null}
        </div>
      </Link>
    </li>
  );
}

/** The conversation list with infinite scroll. */
export function ConversationList({ accountId, selectedId, inboxes, search }: { accountId: number; selectedId: number | null; inboxes: Inbox[]; search: string }) {
  const { list, byId } = useConversationsState();
  const sentinel = useRef<HTMLLIElement>(null);

  useEffect(() => {
    const node = sentinel.current;
    if (!node) {
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        void loadMoreConversations();
      }
    }, { rootMargin: '200px' });
    observer.observe(node);
    return () => observer.disconnect();
  }, [list.key, list.done]);

  const rows = list.ids.map((id) => byId.get(id)).filter((c): c is Conversation => c !== undefined);
  return (
    <section className="conversation-list" aria-label="Conversation list">
      <ErrorText error={list.error} />
      {rows.length === 0 && list.done && !list.error ? <Empty title="No conversations here">New conversations appear as they arrive.</Empty> : null}
      <ul>
        {rows.map((c) => <Row key={c.id} c={c} active={c.id === selectedId} href={`/app/accounts/${accountId}/conversations/${c.id}${search}`} inbox={inboxes.find((i) => i.id === c.inbox_id)} />)}
        {!list.done ? <li ref={sentinel} className="list-sentinel">{list.loading ? <Spinner label="Loading conversations" /> : null}</li> : null}
      </ul>
    </section>
  );
}
