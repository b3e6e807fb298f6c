import type { Actor } from '../context.js';
import type { Executor } from '../db/dialect.js';
import type { ChannelApiRow, ConversationRow, InboxRow, MessageRow } from '../db/schema.js';
import type { ConversationView } from '../presenters/conversation-view.js';
import type { MessageView } from '../presenters/message.presenter.js';
import { teamRepository } from '../repositories/team.repository.js';
import { loadMessageViews } from './message-views.finder.js';

const INCOMING = 0;
const ACTIVITY = 2;
const UNREAD_CAP = 10;
const HOUR_MS = 3_600_000;

function unique(values: Array<number | null>): number[] {
  return [...new Set(values.filter((v): v is number => v !== null))];
}

function byId<T extends { id: number }>(rows: T[]): Map<number, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

/** Hours an agent may reply after the contact's last message, null when unlimited (Conversations::MessageWindowService). */
export function replyWindowHours(inbox: InboxRow | undefined, channelApi: ChannelApiRow | undefined): number | null {
  switch (inbox?.channel_type) {
    case 'Channel::Api': {
      const value = channelApi?.additional_attributes.agent_reply_time_window;
      if (value === undefined || value === null || value === '') {
        return null;
      }
      return Number.parseInt(String(value), 10) || 0;
    }
    case 'Channel::Whatsapp':
    case 'Channel::FacebookPage':
    case 'Channel::Instagram':
      return 24;
    case 'Channel::Tiktok':
      return 48;
    default:
      return null;
  }
}

/** Ids of each conversation's latest message, latest non-activity message and (for push) latest chat message. */
async function latestMessageIds(db: Executor, accountId: number, ids: number[], push: boolean) {
  return db.selectFrom('conversations as c').select((eb) => {
    const latest = () => eb.selectFrom('messages as m').select('m.id').whereRef('m.conversation_id', '=', 'c.id')
      .where('m.account_id', '=', accountId).orderBy('m.id', 'desc').limit(1);
    const chat = latest().where('m.message_type', '!=', ACTIVITY).where('m.private', '=', false);
    return [
      'c.id',
      latest().as('last_id'),
      latest().where('m.message_type', '!=', ACTIVITY).as('last_non_activity_id'),
      // Without push the chat message is not needed: the same subquery is cheap but skipped.
      (push ? chat : latest().where('m.id', '<', 0)).as('last_chat_id'),
    ];
  }).where('c.account_id', '=', accountId).where('c.id', 'in', ids).execute();
}

/** Unread incoming messages per conversation (after agent_last_seen_at), capped at 10. */
async function unreadCounts(db: Executor, accountId: number, ids: number[]): Promise<Map<number, number>> {
  const rows = await db.selectFrom('messages as m').innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select((eb) => ['m.conversation_id', eb.fn.countAll().as('n')])
    .where('c.account_id', '=', accountId).where('c.id', 'in', ids)
    .where('m.account_id', '=', accountId).where('m.message_type', '=', INCOMING)
    .where((eb) => eb.or([eb('c.agent_last_seen_at', 'is', null), eb('m.created_at', '>', eb.ref('c.agent_last_seen_at'))]))
    .groupBy('m.conversation_id').execute();
  return new Map(rows.map((r) => [r.conversation_id, Math.min(Number(r.n), UNREAD_CAP)]));
}

/** When the contact last wrote, for conversations whose channel limits the reply window. */
async function lastIncomingAt(db: Executor, accountId: number, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.selectFrom('messages').select((eb) => ['conversation_id', eb.fn.max('created_at').as('at')])
    .where('account_id', '=', accountId).where('conversation_id', 'in', ids).where('message_type', '=', INCOMING)
    .groupBy('conversation_id').execute();
  return new Map(rows.map((r) => [r.conversation_id, Number(r.at)]));
}

/** The latest messages of the conversations as message views, keyed by message id. */
async function loadLatestMessages(db: Executor, accountId: number, ids: number[], push: boolean) {
  const latest = await latestMessageIds(db, accountId, ids, push);
  const messageIds = unique(latest.flatMap((r) => [r.last_id, r.last_non_activity_id, r.last_chat_id as number | null]));
  const rows: MessageRow[] = messageIds.length === 0 ? []
    : await db.selectFrom('messages').selectAll().where('account_id', '=', accountId).where('id', 'in', messageIds).execute();
  const views = new Map<number, MessageView>();
  for (const v of await loadMessageViews(db, accountId, rows)) {
    views.set(v.message.id, v);
  }
  return { latest: new Map(latest.map((r) => [r.id, r])), views };
}

/** Contacts, contact inboxes, inboxes (with API channels), assignees, bots and teams of the conversations. */
async function loadAssociations(db: Executor, accountId: number, conversations: ConversationRow[]) {
  const assigneeIds = unique(conversations.map((c) => c.assignee_id));
  const [contacts, contactInboxes, inboxes, users, memberships, bots, teams] = await Promise.all([
    db.selectFrom('contacts').selectAll().where('account_id', '=', accountId)
      .where('id', 'in', unique(conversations.map((c) => c.contact_id))).execute(),
    idsQuery(unique(conversations.map((c) => c.contact_inbox_id)), (ids) =>
      db.selectFrom('contact_inboxes').selectAll().where('id', 'in', ids).execute()),
    db.selectFrom('inboxes').selectAll().where('account_id', '=', accountId)
      .where('id', 'in', unique(conversations.map((c) => c.inbox_id))).execute(),
    idsQuery(assigneeIds, (ids) => db.selectFrom('users').selectAll().where('id', 'in', ids).execute()),
    idsQuery(assigneeIds, (ids) => db.selectFrom('account_users').selectAll()
      .where('account_id', '=', accountId).where('user_id', 'in', ids).execute()),
    idsQuery(unique(conversations.map((c) => c.assignee_agent_bot_id)), (ids) =>
      db.selectFrom('agent_bots').selectAll().where('id', 'in', ids).execute()),
    teamRepository.findByIds(db, accountId, unique(conversations.map((c) => c.team_id))),
  ]);
  const apiChannelIds = unique(inboxes.filter((i) => i.channel_type === 'Channel::Api').map((i) => i.channel_id));
  const channels = await idsQuery(apiChannelIds, (ids) =>
    db.selectFrom('channel_api').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute());
  return {
    contacts: byId(contacts), contactInboxes: byId(contactInboxes), inboxes: byId(inboxes), users: byId(users),
    memberships: new Map(memberships.map((m) => [m.user_id, m])), bots: byId(bots), teams: byId(teams),
    channels: byId(channels),
  };
}

function idsQuery<T>(ids: number[], run: (ids: number[]) => Promise<T[]>): Promise<T[]> {
  return ids.length === 0 ? Promise.resolve([]) : run(ids);
}

/**
 * Builds the views the conversation shapes need for a page of conversations of one
 * account, in a fixed number of queries whatever the page size; keeps the input order.
 * `push` also loads the latest chat message the websocket/webhook shape shows.
 */
export async function loadConversationViews(
  db: Executor, actor: Actor, accountId: number, conversations: ConversationRow[], options: { push?: boolean } = {},
): Promise<ConversationView[]> {
  if (conversations.length === 0) {
    return [];
  }
  const ids = conversations.map((c) => c.id);
  const push = options.push ?? false;
  const assoc = await loadAssociations(db, accountId, conversations);
  const windows = new Map(conversations.map((c) => {
    const inbox = assoc.inboxes.get(c.inbox_id);
    return [c.id, replyWindowHours(inbox, inbox ? assoc.channels.get(inbox.channel_id) : undefined)];
  }));
  const [messages, unread, incomingAt, memberTeams] = await Promise.all([
    loadLatestMessages(db, accountId, ids, push),
    unreadCounts(db, accountId, ids),
    lastIncomingAt(db, accountId, ids.filter((id) => windows.get(id) !== null)),
    actor.type === 'User' ? teamRepository.memberTeamIds(db, actor.id, [...assoc.teams.keys()]) : Promise.resolve(new Set<number>()),
  ]);
  const at = Date.now();
  return conversations.map((c) => {
    const latest = messages.latest.get(c.id);
    const view = (id: number | null | undefined) => (id === null || id === undefined ? null : messages.views.get(id) ?? null);
    const user = c.assignee_id === null ? undefined : assoc.users.get(c.assignee_id);
    const membership = c.assignee_id === null ? undefined : assoc.memberships.get(c.assignee_id);
    const window = windows.get(c.id) ?? null;
    const lastIn = incomingAt.get(c.id);
    return {
      conversation: c,
      contact: assoc.contacts.get(c.contact_id)!,
      contactInbox: c.contact_inbox_id === null ? null : assoc.contactInboxes.get(c.contact_inbox_id) ?? null,
      channelType: assoc.inboxes.get(c.inbox_id)?.channel_type ?? '',
      assignee: user && membership ? { user, membership } : null,
      assigneeBot: c.assignee_agent_bot_id === null ? null : assoc.bots.get(c.assignee_agent_bot_id) ?? null,
      team: c.team_id === null ? null : assoc.teams.get(c.team_id) ?? null,
      teamIsMember: c.team_id !== null && memberTeams.has(c.team_id),
      lastMessage: view(latest?.last_id),
      lastNonActivityMessage: view(latest?.last_non_activity_id),
      lastChatMessage: view(latest?.last_chat_id as number | null | undefined),
      unreadCount: unread.get(c.id) ?? 0,
      canReply: window === null || (lastIn !== undefined && at < lastIn + window * HOUR_MS),
    };
  });
}
