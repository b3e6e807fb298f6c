import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { assignAgent, assignTeam, markRead, markUnread, muteConversation, setConversationLabels, togglePriority, toggleStatus } from '../../api/endpoints';
import type { Conversation, ConversationStatus, Priority } from '../../api/types';
import { Empty, ErrorText, Spinner } from '../../components/ui';
import { useAgents, useInboxes, useLabels, useTeams } from '../../hooks/account-data';
import { loadMessages, patchConversation, useConversationsState } from '../../hooks/conversations-store';
import { useMe } from '../../hooks/session';
import { Link } from '../../lib/router';
import { MessageItem } from './message-item';
import { ParticipantsPicker } from './participants-picker';
import { ReplyBox } from './reply-box';

const SNOOZE_OPTIONS: Array<[string, () => number]> = [
  ['1 hour', () => Math.floor(Date.now() / 1000) + 3600],
  ['Tomorrow', () => { const d = new Date(); d.setDate(d.getDate() + 1); d.setHours(9, 0, 0, 0); return Math.floor(d.getTime() / 1000); }],
  ['Next week', () => { const d = new Date(); d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7)); d.setHours(9, 0, 0, 0); return Math.floor(d.getTime() / 1000); }],
];

/** Status, assignee, team, priority and label controls for the open conversation. */
function ThreadHeader({ c, onError, backHref }: { c: Conversation; onError: (e: Error) => void; backHref: string }) {
  const me = useMe();
  const agents = useAgents(me.accountId).data ?? [];
  const teams = useTeams(me.accountId).data ?? [];
  const labels = useLabels(me.accountId).data ?? [];
  const inboxes = useInboxes(me.accountId).data ?? [];
  const [showLabels, setShowLabels] = useState(false);
  const run = (action: () => Promise<unknown>) => { action().catch(onError); };
  const setStatus = (status: ConversationStatus, snoozedUntil?: number) => run(async () => {
    await toggleStatus(me.accountId, c.id, status, snoozedUntil);
    patchConversation(c.id, { status });
  });
  const name = c.meta.sender.name || c.meta.sender.email || `Contact #${c.meta.sender.id}`;
  return (
    <header className="thread-header">
      <Link to={backHref} className="back-link" aria-label="Back to the list">←</Link>
      <div className="thread-title">
        <h2>{name}</h2>
        <span className="thread-sub">#{c.id} · {inboxes.find((i) => i.id === c.inbox_id)?.name ?? ''} · <span className={`status status-${c.status}`}>{c.status}</span>{c.muted ? <> · <span className="muted-flag" title="New messages from this contact notify nobody">muted</span></> : null}</span>
      </div>
      <div className="thread-actions">
        {c.status === 'resolved'
          ? <button onClick={() => setStatus('open')}>Reopen</button>
          : <button className="primary" onClick={() => setStatus('resolved')} title="Resolve (e)">Resolve</button>}
        <select aria-label="More status actions" value="" onChange={(e) => {
          const v = e.target.value;
          if (v === 'pending' || v === 'open') {
            setStatus(v);
          } else if (v.startsWith('snooze:')) {
            setStatus('snoozed', SNOOZE_OPTIONS[Number(v.slice(7))][1]());
          } else if (v === 'unread') {
            run(async () => { await markUnread(me.accountId, c.id); });
          } else if (v === 'mute' || v === 'unmute') {
            run(async () => {
              await muteConversation(me.accountId, c.id, v === 'mute');
              patchConversation(c.id, v === 'mute' ? { muted: true, status: 'resolved' } : { muted: false });
            });
          }
        }}>
          <option value="">More…</option>
          {c.status !== 'pending' ? <option value="pending">Mark as pending</option> : null}
          {c.status !== 'open' ? <option value="open">Reopen</option> : null}
          {SNOOZE_OPTIONS.map(([label], i) => <option key={label} value={`snooze:${i}`}>Snooze: {label}</option>)}
          <option value="unread">Mark as unread</option>
          {c.muted ? <option value="unmute">Unmute conversation</option> : <option value="mute">Mute conversation</option>}
        </select>
        <select aria-label="Assignee" value={c.meta.assignee_type === 'AgentBot' ? '' : c.meta.assignee?.id ?? ''} onChange={(e) => {
          const id = e.target.value ? Number(e.target.value) : null;
          run(async () => {
            await assignAgent(me.accountId, c.id, id);
            patchConversation(c.id, { meta: { ...c.meta, assignee: agents.find((a) => a.id === id) ?? null } });
          });
        }}>
          <option value="">Unassigned</option>
          {agents.map((a) => <option key={a.id} value={a.id}>{a.available_name ?? a.name}</option>)}
        </select>
        {teams.length > 0 ? (
          <select aria-label="Team" value={c.meta.team?.id ?? ''} onChange={(e) => {
            const id = e.target.value ? Number(e.target.value) : null;
            run(async () => {
              await assignTeam(me.accountId, c.id, id);
              patchConversation(c.id, { meta: { ...c.meta, team: teams.find((t) => t.id === id) ?? null } });
            });
          }}>
            <option value="">No team</option>
            {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        ) : null}
        <select aria-label="Priority" value={c.priority ?? ''} onChange={(e) => {
          const priority = (e.target.value || null) as Priority;
          run(async () => { await togglePriority(me.accountId, c.id, priority); patchConversation(c.id, { priority }); });
        }}>
          <option value="">No priority</option><option value="low">Low</option><option value="medium">Medium</option>
          <option value="high">High</option><option value="urgent">Urgent</option>
        </select>
        <ParticipantsPicker accountId={me.accountId} conversationId={c.id} agents={agents} onError={onError} />
        <span className="label-picker">
          <button aria-expanded={showLabels} onClick={() => setShowLabels(!showLabels)}>Labels{c.labels.length ? ` (${c.labels.length})` : ''}</button>
          {showLabels ? (
            <div className="popover" role="group" aria-label="Labels">
              {labels.length === 0 ? <p>No labels yet. Administrators add them in Settings.</p> : null}
              {labels.map((l) => (
                <label key={l.id} className="check">
                  <input type="checkbox" checked={c.labels.includes(l.title)} onChange={(e) => {
                    const next = e.target.checked ? [...c.labels, l.title] : c.labels.filter((x) => x !== l.title);
                    run(async () => { const r = await setConversationLabels(me.accountId, c.id, next); patchConversation(c.id, { labels: r.payload }); });
                  }} />
                  <i className="chip-dot" style={{ background: l.color }} />{l.title}
                </label>
              ))}
            </div>
          ) : null}
        </span>
      </div>
    </header>
  );
}

/** The open conversation: header actions, messages (older ones load on scroll up), typing, composer. */
export function Thread({ conversation, backHref, replyMode, onReplyModeChange, inputRef }: {
  conversation: Conversation; backHref: string; replyMode: 'reply' | 'note'; onReplyModeChange: (m: 'reply' | 'note') => void;
  inputRef: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const me = useMe();
  const { threads, typing } = useConversationsState();
  const thread = threads.get(conversation.id);
  const agents = useAgents(me.accountId).data ?? [];
  const [error, setError] = useState<Error | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const previousHeight = useRef(0);

  useEffect(() => {
    setError(null);
    stickToBottom.current = true;
    void loadMessages(me.accountId, conversation.id);
  }, [me.accountId, conversation.id]);

  const lastId = thread?.items[thread.items.length - 1]?.id;
  useEffect(() => {
    if (conversation.unread_count > 0 || lastId) {
      markRead(me.accountId, conversation.id).then(() => patchConversation(conversation.id, { unread_count: 0 }), () => undefined);
    }
    // Mark read when the thread opens and whenever a new message lands in it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [conversation.id, lastId]);

  useLayoutEffect(() => {
    const node = scroller.current;
    if (!node) {
      return;
    }
    if (stickToBottom.current) {
      node.scrollTop = node.scrollHeight;
    } else if (previousHeight.current && node.scrollTop < 50) {
      node.scrollTop = node.scrollHeight - previousHeight.current;
    }
    previousHeight.current = node.scrollHeight;
  }, [thread?.items]);

  const handleScroll = () => {
    const node = scroller.current;
    if (!node) {
      return;
    }
    stickToBottom.current = node.scrollHeight - node.scrollTop - node.clientHeight < 80;
    previousHeight.current = node.scrollHeight;
    if (node.scrollTop < 40 && thread && !thread.done && !thread.loading) {
      void loadMessages(me.accountId, conversation.id, true);
    }
  };

  const typer = typing.get(conversation.id);
  return (
    <section className="thread" aria-label="Conversation">
      <ThreadHeader c={conversation} onError={setError} backHref={backHref} />
      <ErrorText error={error ?? thread?.error} />
      <div className="messages" ref={scroller} onScroll={handleScroll}>
        {thread?.loading ? <Spinner label="Loading messages" /> : null}
        {thread && !thread.loading && thread.items.length === 0 ? <Empty title="No messages yet" /> : null}
        <ol>
          {thread?.items.map((m) => <MessageItem key={m.id > 0 ? m.id : m.echo_id} message={m} />)}
        </ol>
      </div>
      <div className="typing" aria-live="polite">{typer ? `${typer} is typing…` : ''}</div>
      <ReplyBox conversationId={conversation.id} agents={agents} mode={replyMode} onModeChange={onReplyModeChange} inputRef={inputRef} />
    </section>
  );
}
