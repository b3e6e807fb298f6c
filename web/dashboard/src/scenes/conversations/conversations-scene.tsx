import { useEffect, useMemo, useRef, useState } from 'react';
import { getConversation, toggleStatus } from '../../api/endpoints';
import { Centered, Empty, ErrorText, Spinner } from '../../components/ui';
import { useInboxes } from '../../hooks/account-data';
import { conversationsState, patchConversation, resetConversations, setFilter, upsertConversation, useConversationsState, type Filter } from '../../hooks/conversations-store';
import { useMe } from '../../hooks/session';
import { navigate, useLocation } from '../../lib/router';
import { ContactPanel } from './contact-panel';
import { ConversationList } from './conversation-list';
import { FilterPane } from './filter-pane';
import { subscribeLiveUpdates } from './live-updates';
import { Thread } from './thread';

function filterFrom(search: URLSearchParams): Filter {
  const num = (key: string) => (search.get(key) ? Number(search.get(key)) : undefined);
  const type = search.get('type');
  return {
    assignee: (['me', 'unassigned', 'all'].includes(search.get('assignee') ?? '') ? search.get('assignee') : 'me') as Filter['assignee'],
    status: (['open', 'pending', 'snoozed', 'resolved', 'all'].includes(search.get('status') ?? '') ? search.get('status') : 'open') as Filter['status'],
    inboxId: num('inbox'), teamId: num('team'), label: search.get('label') ?? undefined,
    type: type === 'mention' || type === 'unattended' ? type : undefined,
  };
}

function searchFrom(f: Filter): string {
  const params = new URLSearchParams();
  if (f.assignee !== 'me') { params.set('assignee', f.assignee); }
  if (f.status !== 'open') { params.set('status', f.status); }
  if (f.inboxId) { params.set('inbox', String(f.inboxId)); }
  if (f.teamId) { params.set('team', String(f.teamId)); }
  if (f.label) { params.set('label', f.label); }
  if (f.type) { params.set('type', f.type); }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Three panes: filters, the list, and the open thread with the contact panel. */
export function ConversationsScene({ conversationId }: { conversationId: number | null }) {
  const me = useMe();
  const { search } = useLocation();
  const filter = useMemo(() => filterFrom(search), [search]);
  const query = searchFrom(filter);
  const { byId, list } = useConversationsState();
  const inboxes = useInboxes(me.accountId).data ?? [];
  const [replyMode, setReplyMode] = useState<'reply' | 'note'>('reply');
  const [openError, setOpenError] = useState<Error | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const openRef = useRef(conversationId);
  openRef.current = conversationId;
  const base = `/app/accounts/${me.accountId}/conversations`;

  useEffect(() => () => resetConversations(), [me.accountId]);
  useEffect(() => setFilter(me.accountId, me.profile.id, filter), [me.accountId, me.profile.id, filter]);
  useEffect(() => subscribeLiveUpdates(me.accountId, () => openRef.current), [me.accountId]);

  const conversation = conversationId ? byId.get(conversationId) : undefined;
  useEffect(() => {
    setOpenError(null);
    if (conversationId && !conversationsState().byId.has(conversationId)) {
      getConversation(me.accountId, conversationId).then(upsertConversation, setOpenError);
    }
  }, [me.accountId, conversationId]);

  useEffect(() => {
    const handleKey = (event: KeyboardEvent) => {
      const alt = event.altKey && !event.ctrlKey && !event.metaKey;
      if (isTyping(event.target) && !alt) {
        return;
      }
      if (!alt && (event.ctrlKey || event.metaKey || event.altKey)) {
        return;
      }
      const ids = conversationsState().list.ids;
      const at = conversationId ? ids.indexOf(conversationId) : -1;
      const go = (delta: number) => {
        const next = ids[Math.min(ids.length - 1, Math.max(0, at + delta))];
        if (next) {
          navigate(`${base}/${next}${query}`);
        }
      };
      const key = event.key.toLowerCase();
      const handled = (fn: () => void) => { event.preventDefault(); fn(); };
      if (key === 'j' || (alt && event.key === 'ArrowDown')) {
        handled(() => go(1));
      } else if (key === 'k' || (alt && event.key === 'ArrowUp')) {
        handled(() => go(-1));
      } else if (key === 'r' && conversationId) {
        handled(() => { setReplyMode('reply'); inputRef.current?.focus(); });
      } else if (key === 'n' && conversationId) {
        handled(() => { setReplyMode('note'); inputRef.current?.focus(); });
      } else if (key === 'e' && conversationId) {
        handled(() => {
          toggleStatus(me.accountId, conversationId, 'resolved').then(() => patchConversation(conversationId, { status: 'resolved' }), setOpenError);
        });
      }
    };
    window.addEventListener('keydown', handleKey);
    return () => window.removeEventListener('keydown', handleKey);
  }, [conversationId, base, query, me.accountId]);

  return (
    <div className={`conversations ${conversationId ? 'has-open' : ''}`}>
      <FilterPane accountId={me.accountId} filter={filter} counts={list.counts} onChange={(f) => navigate(`${base}${conversationId ? `/${conversationId}` : ''}${searchFrom(f)}`)} />
      <ConversationList accountId={me.accountId} selectedId={conversationId} inboxes={inboxes} search={query} />
      {conversationId ? (
        conversation ? (
          <>
            <Thread conversation={conversation} backHref={`${base}${query}`} replyMode={replyMode} onReplyModeChange={setReplyMode} inputRef={inputRef} />
            <ContactPanel accountId={me.accountId} conversation={conversation} />
          </>
        ) : openError ? <Centered><ErrorText error={openError} /></Centered> : <Centered><Spinner label="Opening the conversation" /></Centered>
      ) : (
        <section className="thread thread-empty">
          <Empty title="Pick a conversation">Shortcuts: j / k next and previous, r reply, n private note, e resolve.</Empty>
        </section>
      )}
    </div>
  );
}
