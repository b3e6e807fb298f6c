import { useSyncExternalStore } from 'react';
import { conversationCounts, listConversations, listMessages, type ConversationQuery } from '../api/endpoints';
import type { Conversation, ConversationCounts, ConversationStatus, Message } from '../api/types';

// The conversations view's state: one entry per conversation id and per conversation's
// messages. API responses and /cable frames go through the same upsert functions, so the
// list and the thread never disagree.

export interface Filter {
  assignee: 'me' | 'unassigned' | 'all';
  status: ConversationStatus | 'all';
  inboxId?: number;
  teamId?: number;
  label?: string;
  type?: 'mention' | 'unattended';
}

interface ListState { key: string; ids: number[]; page: number; done: boolean; loading: boolean; error?: Error; counts?: ConversationCounts }
interface ThreadState { items: Message[]; done: boolean; loading: boolean; error?: Error }
interface State {
  byId: Map<number, Conversation>;
  list: ListState;
  threads: Map<number, ThreadState>;
  typing: Map<number, string>;
}

let state: State = { byId: new Map(), list: { key: '', ids: [], page: 0, done: false, loading: false }, threads: new Map(), typing: new Map() };
let context: { accountId: number; userId: number; filter: Filter } | null = null;
const listeners = new Set<() => void>();

function commit(next: Partial<State>): void {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
}

/** The store's state, re-rendering on change. */
export function useConversationsState(): State {
  return useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => state);
}

/** The latest state outside React (keyboard shortcuts). */
export function conversationsState(): State {
  return state;
}

const keyOf = (accountId: number, f: Filter) => JSON.stringify([accountId, f.assignee, f.status, f.inboxId, f.teamId, f.label, f.type]);

/** Whether a conversation belongs in the list for `filter`, as far as the client can tell. */
function matches(c: Conversation, f: Filter, userId: number): boolean {
  if (f.status !== 'all' && c.status !== f.status) {
    return false;
  }
  const assigneeId = c.meta.assignee?.id ?? null;
  if (f.assignee === 'me' && (assigneeId !== userId || c.meta.assignee_type === 'AgentBot')) {
    return false;
  }
  if (f.assignee === 'unassigned' && assigneeId !== null) {
    return false;
  }
  if (f.inboxId && c.inbox_id !== f.inboxId) {
    return false;
  }
  if (f.teamId && c.meta.team?.id !== f.teamId) {
    return false;
  }
  return !(f.label && !c.labels.includes(f.label));
}

function sortIds(ids: number[], byId: Map<number, Conversation>): number[] {
  return [...ids].sort((a, b) => (byId.get(b)?.last_activity_at ?? 0) - (byId.get(a)?.last_activity_at ?? 0) || b - a);
}

/** Chooses the list to show; loads its first page when the filter changed. */
export function setFilter(accountId: number, userId: number, filter: Filter): void {
  context = { accountId, userId, filter };
  const key = keyOf(accountId, filter);
  if (state.list.key === key) {
    return;
  }
  commit({ list: { key, ids: [], page: 0, done: false, loading: false } });
  void loadMoreConversations();
}

/** Loads the next page of the list (infinite scroll). */
export async function loadMoreConversations(): Promise<void> {
  const list = state.list;
  if (!context || list.loading || list.done) {
    return;
  }
  const { accountId, filter } = context;
  commit({ list: { ...list, loading: true, error: undefined } });
  const query: ConversationQuery = { ...queryOf(filter), page: list.page + 1 };
  try {
    const { data } = await listConversations(accountId, query);
    if (state.list.key !== list.key) {
      return;
    }
    const byId = new Map(state.byId);
    data.payload.forEach((c) => byId.set(c.id, mergeConversation(byId.get(c.id), c)));
    const ids = sortIds([...new Set([...state.list.ids, ...data.payload.map((c) => c.id)])], byId);
    commit({ byId, list: { ...state.list, ids, page: query.page, done: data.payload.length === 0, loading: false, counts: data.meta } });
  } catch (error) {
    if (state.list.key === list.key) {
      commit({ list: { ...state.list, loading: false, error: error as Error } });
    }
  }
}

function queryOf(filter: Filter): Omit<ConversationQuery, 'page'> {
  return {
    assignee_type: filter.assignee, status: filter.status, inbox_id: filter.inboxId, team_id: filter.teamId,
    labels: filter.label ? [filter.label] : undefined, conversation_type: filter.type,
  };
}

let countsTimer: number | undefined;
/** Refreshes the Mine / Unassigned / All counts soon (live changes move conversations between them). */
export function refreshCountsSoon(): void {
  window.clearTimeout(countsTimer);
  countsTimer = window.setTimeout(() => {
    if (!context) {
      return;
    }
    const key = state.list.key;
    conversationCounts(context.accountId, queryOf(context.filter)).then(({ meta }) => {
      if (state.list.key === key) {
        commit({ list: { ...state.list, counts: meta } });
      }
    }, () => undefined);
  }, 500);
}

/** Reloads the list from the first page (after a reconnect). */
export function reloadConversations(): void {
  if (context) {
    const key = state.list.key;
    commit({ list: { key, ids: state.list.ids, page: 0, done: false, loading: false, counts: state.list.counts } });
    void loadMoreConversations();
  }
}

function mergeConversation(old: Conversation | undefined, next: Conversation): Conversation {
  if (old?.updated_at && next.updated_at && next.updated_at < old.updated_at) {
    return old;
  }
  const lastNonActivity = next.last_non_activity_message !== undefined ? next.last_non_activity_message : next.messages?.[0] ?? old?.last_non_activity_message ?? null;
  return { ...old, ...next, last_non_activity_message: lastNonActivity };
}

/** Puts a conversation (REST or /cable push shape) into the store and the list it belongs to. */
export function upsertConversation(next: Conversation): void {
  const byId = new Map(state.byId);
  const merged = mergeConversation(byId.get(next.id), next);
  byId.set(next.id, merged);
  let ids = state.list.ids;
  if (context && !context.filter.type) {
    const belongs = matches(merged, context.filter, context.userId);
    ids = belongs ? sortIds(ids.includes(next.id) ? ids : [...ids, next.id], byId) : ids.filter((id) => id !== next.id);
  } else if (ids.includes(next.id)) {
    ids = sortIds(ids, byId);
  }
  commit({ byId, list: { ...state.list, ids } });
}

/** Changes a cached conversation locally (optimistic updates). */
export function patchConversation(id: number, patch: Partial<Conversation>): void {
  const old = state.byId.get(id);
  if (old) {
    upsertConversation({ ...old, ...patch, updated_at: undefined } as Conversation);
  }
}

/** Loads the newest messages of a conversation (once), or older ones with `older`. */
export async function loadMessages(accountId: number, conversationId: number, older = false): Promise<void> {
  const thread = state.threads.get(conversationId);
  if (thread?.loading || (thread && !older) || (older && thread?.done)) {
    return;
  }
  const base: ThreadState = thread ?? { items: [], done: false, loading: false };
  setThread(conversationId, { ...base, loading: true, error: undefined });
  try {
    const before = older ? base.items[0]?.id : undefined;
    const { payload } = await listMessages(accountId, conversationId, before);
    const current = state.threads.get(conversationId) ?? base;
    const items = mergeMessages(current.items, payload);
    setThread(conversationId, { items, loading: false, done: payload.length === 0 || (older && payload.length < 20) });
  } catch (error) {
    setThread(conversationId, { ...(state.threads.get(conversationId) ?? base), loading: false, error: error as Error });
  }
}

/** Forgets a conversation's messages so the next open reloads them (reconnect). */
export function dropThreads(): void {
  commit({ threads: new Map() });
}

function setThread(id: number, thread: ThreadState): void {
  const threads = new Map(state.threads);
  threads.set(id, thread);
  commit({ threads });
}

function mergeMessages(items: Message[], incoming: Message[]): Message[] {
  const result = [...items];
  for (const m of incoming) {
    const i = result.findIndex((x) => (m.id > 0 && x.id === m.id) || (m.echo_id !== undefined && x.echo_id === m.echo_id));
    if (i >= 0) {
      result[i] = m;
    } else {
      result.push(m);
    }
  }
  return result.sort((a, b) => a.created_at - b.created_at || (a.id > 0 && b.id > 0 ? a.id - b.id : a.id > 0 ? -1 : 1));
}

/** A message from the API, a /cable frame or an optimistic send (negative id, echo_id set). */
export function upsertMessage(message: Message): void {
  const thread = state.threads.get(message.conversation_id);
  if (thread) {
    setThread(message.conversation_id, { ...thread, items: mergeMessages(thread.items, [message]) });
  }
  const conversation = state.byId.get(message.conversation_id);
  if (conversation && message.id > 0) {
    const activity = message.message_type === 2;
    upsertConversation({
      ...conversation,
      updated_at: undefined,
      last_activity_at: message.conversation?.last_activity_at ?? Math.max(conversation.last_activity_at, message.created_at),
      unread_count: message.conversation?.unread_count ?? conversation.unread_count,
      last_non_activity_message: activity || message.private ? conversation.last_non_activity_message : message,
    });
  }
}

/** Removes an optimistic message that failed to send. */
export function dropMessage(conversationId: number, echoId: string): void {
  const thread = state.threads.get(conversationId);
  if (thread) {
    setThread(conversationId, { ...thread, items: thread.items.filter((m) => m.id > 0 || m.echo_id !== echoId) });
  }
}

/** Who is typing in a conversation (cleared by typing_off or after a while). */
export function setTyping(conversationId: number, name: string | null): void {
  const typing = new Map(state.typing);
  if (name) {
    typing.set(conversationId, name);
  } else {
    typing.delete(conversationId);
  }
  commit({ typing });
}

/** Clears everything (account switch, sign-out). */
export function resetConversations(): void {
  context = null;
  state = { byId: new Map(), list: { key: '', ids: [], page: 0, done: false, loading: false }, threads: new Map(), typing: new Map() };
  listeners.forEach((l) => l());
}
