import type { Updateable } from 'kysely';
import { lockingClause, type Executor } from '../db/dialect.js';
import type { ContactInboxRow, ConversationRow, ConversationsTable, NewConversation } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Conversations; the wire addresses them by (account_id, display_id). */
export const conversationRepository = {
  findById(db: Executor, accountId: number, id: number): Promise<ConversationRow | undefined> {
    return db.selectFrom('conversations').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  findByDisplayId(db: Executor, accountId: number, displayId: number): Promise<ConversationRow | undefined> {
    return db.selectFrom('conversations').selectAll()
      .where('account_id', '=', accountId).where('display_id', '=', displayId).executeTakeFirst();
  },

  /** The conversation, row-locked until commit on PostgreSQL, for read-modify-write updates. */
  findForUpdate(db: Executor, accountId: number, id: number): Promise<ConversationRow> {
    return db.selectFrom('conversations').selectAll().where('account_id', '=', accountId).where('id', '=', id)
      .modifyEnd(lockingClause(db)).executeTakeFirstOrThrow();
  },

  insert(db: Executor, values: NewConversation): Promise<ConversationRow> {
    return db.insertInto('conversations').values(values).returningAll().executeTakeFirstOrThrow();
  },

  /** Updates columns and bumps updated_at. */
  update(db: Executor, id: number, values: Updateable<ConversationsTable>): Promise<ConversationRow> {
    return db.updateTable('conversations').set({ updated_at: now(), ...values }).where('id', '=', id)
      .returningAll().executeTakeFirstOrThrow();
  },

  /** Writes columns without touching updated_at (Rails' update_columns: last-seen times). */
  updateColumns(db: Executor, accountId: number, id: number, values: Updateable<ConversationsTable>): Promise<ConversationRow> {
    return db.updateTable('conversations').set(values).where('account_id', '=', accountId).where('id', '=', id)
      .returningAll().executeTakeFirstOrThrow();
  },

  /** The newest conversation of a contact inbox (for inboxes locked to a single conversation). */
  findLastByContactInbox(db: Executor, accountId: number, contactInboxId: number): Promise<ConversationRow | undefined> {
    return db.selectFrom('conversations').selectAll().where('account_id', '=', accountId)
      .where('contact_inbox_id', '=', contactInboxId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  },

  /** True when the inbox has an active agent bot (Inbox#active_bot?). */
  async inboxHasActiveBot(db: Executor, accountId: number, inboxId: number): Promise<boolean> {
    const row = await db.selectFrom('agent_bot_inboxes').select('id').where('account_id', '=', accountId)
      .where('inbox_id', '=', inboxId).where('status', '=', 0).executeTakeFirst();
    return row !== undefined;
  },

  /** When the latest incoming message of the conversation was created, if any. */
  async lastIncomingAt(db: Executor, accountId: number, conversationId: number): Promise<number | null> {
    const row = await db.selectFrom('messages').select('created_at').where('account_id', '=', accountId)
      .where('conversation_id', '=', conversationId).where('message_type', '=', 0)
      .orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row?.created_at ?? null;
  },

  /** True when any message was created in the conversation after `since` (any at all when since is null). */
  async hasMessagesSince(db: Executor, accountId: number, conversationId: number, since: number | null): Promise<boolean> {
    let query = db.selectFrom('messages').select('id').where('account_id', '=', accountId).where('conversation_id', '=', conversationId);
    if (since !== null) {
      query = query.where('created_at', '>', since);
    }
    return (await query.limit(1).executeTakeFirst()) !== undefined;
  },

  /** A contact inbox of the account by source_id, in one inbox when given (conversation create by source_id). */
  findContactInboxBySourceId(db: Executor, accountId: number, sourceId: string, inboxId: number | null): Promise<ContactInboxRow | undefined> {
    let query = db.selectFrom('contact_inboxes').innerJoin('inboxes', 'inboxes.id', 'contact_inboxes.inbox_id')
      .selectAll('contact_inboxes').where('inboxes.account_id', '=', accountId).where('contact_inboxes.source_id', '=', sourceId);
    if (inboxId !== null) {
      query = query.where('contact_inboxes.inbox_id', '=', inboxId);
    }
    return query.orderBy('contact_inboxes.id').limit(1).executeTakeFirst();
  },

  /** Among `userIds`, those assigned `limit` or more open conversations of the inbox. */
  async assigneesAtLimit(db: Executor, accountId: number, inboxId: number, userIds: number[], limit: number): Promise<Set<number>> {
    const rows = await db.selectFrom('conversations').select('assignee_id')
      .where('account_id', '=', accountId).where('inbox_id', '=', inboxId).where('status', '=', 0)
      .where('assignee_id', 'in', userIds)
      .groupBy('assignee_id').having((eb) => eb.fn.countAll(), '>=', limit).execute();
    return new Set(rows.map((r) => r.assignee_id as number));
  },

  /**
   * Ids of open conversations without an assignee in the account's inboxes that have
   * auto-assignment on, oldest first (what an agent coming online can pick up).
   */
  async listAwaitingAssignment(db: Executor, accountId: number, limit: number): Promise<number[]> {
    const rows = await db.selectFrom('conversations').innerJoin('inboxes', 'inboxes.id', 'conversations.inbox_id')
      .select('conversations.id')
      .where('conversations.account_id', '=', accountId).where('conversations.status', '=', 0)
      .where('conversations.assignee_id', 'is', null).where('conversations.assignee_agent_bot_id', 'is', null)
      .where('inboxes.enable_auto_assignment', '=', true)
      .orderBy('conversations.created_at').orderBy('conversations.id').limit(limit).execute();
    return rows.map((r) => r.id);
  },
};
