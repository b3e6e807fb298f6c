import type { Executor } from '../db/dialect.js';
import type { AccountUserRow, AgentBotRow, AttachmentRow, ContactRow, MessageRow, UserRow } from '../db/schema.js';
import type { MessageSender, MessageView } from '../presenters/message.presenter.js';
import { attachmentRepository } from '../repositories/attachment.repository.js';

/** Ids of the senders of each kind among the messages. */
function senderIds(messages: MessageRow[], type: NonNullable<MessageRow['sender_type']>): number[] {
  const ids = new Set<number>();
  for (const m of messages) {
    if (m.sender_type === type && m.sender_id !== null) {
      ids.add(m.sender_id);
    }
  }
  return [...ids];
}

function unique(values: number[]): number[] {
  return [...new Set(values)];
}

/** Users with their membership in the account, keyed by user id. */
async function loadUsers(db: Executor, accountId: number, ids: number[]): Promise<Map<number, { user: UserRow; membership: AccountUserRow | null }>> {
  if (ids.length === 0) {
    return new Map();
  }
  const [users, memberships] = await Promise.all([
    db.selectFrom('users').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('account_users').selectAll().where('account_id', '=', accountId).where('user_id', 'in', ids).execute(),
  ]);
  const byUser = new Map(memberships.map((m) => [m.user_id, m]));
  return new Map(users.map((u) => [u.id, { user: u, membership: byUser.get(u.id) ?? null }]));
}

async function loadContacts(db: Executor, accountId: number, ids: number[]): Promise<Map<number, ContactRow>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.selectFrom('contacts').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
  return new Map(rows.map((c) => [c.id, c]));
}

async function loadBots(db: Executor, ids: number[]): Promise<Map<number, AgentBotRow>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.selectFrom('agent_bots').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((b) => [b.id, b]));
}

/** Inbox avatars (a bot's avatar falls back to its inbox's), only for inboxes of bot messages. */
async function loadInboxAvatars(db: Executor, accountId: number, messages: MessageRow[]): Promise<Map<number, string | null>> {
  const ids = unique(messages.filter((m) => m.sender_type === 'AgentBot').map((m) => m.inbox_id));
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.selectFrom('inboxes').select(['id', 'avatar_url'])
    .where('account_id', '=', accountId).where('id', 'in', ids).execute();
  return new Map(rows.map((i) => [i.id, i.avatar_url]));
}

async function loadDisplayIds(db: Executor, accountId: number, messages: MessageRow[]): Promise<Map<number, number>> {
  const ids = unique(messages.map((m) => m.conversation_id));
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db.selectFrom('conversations').select(['id', 'display_id'])
    .where('account_id', '=', accountId).where('id', 'in', ids).execute();
  return new Map(rows.map((c) => [c.id, c.display_id]));
}

/**
 * Loads everything the message shapes need for a batch of messages of one account:
 * senders (users with their membership, contacts, agent bots with the inbox avatar),
 * attachments and the conversations' display_ids. A fixed number of queries whatever
 * the batch size; the result keeps the input order.
 */
export async function loadMessageViews(db: Executor, accountId: number, messages: MessageRow[]): Promise<MessageView[]> {
  if (messages.length === 0) {
    return [];
  }
  const [users, contacts, bots, avatars, displayIds, attachments] = await Promise.all([
    loadUsers(db, accountId, senderIds(messages, 'User')),
    loadContacts(db, accountId, senderIds(messages, 'Contact')),
    loadBots(db, senderIds(messages, 'AgentBot')),
    loadInboxAvatars(db, accountId, messages),
    loadDisplayIds(db, accountId, messages),
    attachmentRepository.listByMessageIds(db, accountId, messages.map((m) => m.id)),
  ]);
  const senderOf = (m: MessageRow): MessageSender | null => {
    if (m.sender_id === null) {
      return null;
    }
    if (m.sender_type === 'User') {
      const u = users.get(m.sender_id);
      return u ? { type: 'User', user: u.user, membership: u.membership } : null;
    }
    if (m.sender_type === 'Contact') {
      const contact = contacts.get(m.sender_id);
      return contact ? { type: 'Contact', contact } : null;
    }
    if (m.sender_type === 'AgentBot') {
      const bot = bots.get(m.sender_id);
      return bot ? { type: 'AgentBot', bot, inboxAvatarUrl: avatars.get(m.inbox_id) ?? null } : null;
    }
    return null;
  };
  const attachmentsOf = new Map<number, AttachmentRow[]>();
  for (const a of attachments) {
    attachmentsOf.set(a.message_id, [...(attachmentsOf.get(a.message_id) ?? []), a]);
  }
  return messages.map((m) => ({
    message: m,
    conversationDisplayId: displayIds.get(m.conversation_id) ?? m.conversation_id,
    sender: senderOf(m),
    attachments: attachmentsOf.get(m.id) ?? [],
  }));
}
