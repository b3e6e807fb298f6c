import { sql, type Insertable, type Updateable } from 'kysely';
import { jsonText, lockingClause, type Executor } from '../db/dialect.js';
import type { ConversationRow, MessageRow, MessagesTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** The other messages of a conversation, as the auto-reply rules need them (messageRepository.replyFacts). */
export interface ReplyFacts {
  lastPublicReplyAt: number | null;
  lastTemplateAt: number | null;
  /** Any outgoing message (private notes too) or template. */
  answered: boolean;
  emailAsked: boolean;
}

/** Which page of a conversation's messages (Chatwoot's MessageFinder cursors, by message id). */
export type MessageCursor =
  | { kind: 'latest' }
  | { kind: 'before'; before: number }
  | { kind: 'after'; after: number }
  | { kind: 'between'; after: number; before: number };

/** Page sizes of each cursor kind (MessageFinder). */
export const MESSAGE_PAGE_SIZES = { latest: 20, before: 20, after: 100, between: 1000 } as const;

/** Messages of conversations; every query is scoped by account and conversation. */
export const messageRepository = {
  findById(db: Executor, accountId: number, conversationId: number, id: number): Promise<MessageRow | undefined> {
    return db.selectFrom('messages').selectAll()
      .where('account_id', '=', accountId).where('conversation_id', '=', conversationId).where('id', '=', id)
      .executeTakeFirst();
  },

  /** The message already delivered with this source_id or echo_id in the conversation, if any. */
  findDelivered(db: Executor, conversationId: number, ids: { sourceId: string | null; echoId: string | null }): Promise<MessageRow | undefined> {
    if (ids.sourceId === null && ids.echoId === null) {
      return Promise.resolve(undefined);
    }
    return db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId)
      .where((eb) => eb.or([
        ...(ids.sourceId !== null ? [eb('source_id', '=', ids.sourceId)] : []),
        ...(ids.echoId !== null ? [eb('echo_id', '=', ids.echoId)] : []),
      ]))
      .orderBy('id').executeTakeFirst();
  },

  /**
   * Inserts the message unless one with the same source_id or echo_id already exists
   * in the conversation (the unique indexes decide, even between concurrent requests);
   * undefined when it did.
   */
  insertUnlessDelivered(db: Executor, values: Omit<Insertable<MessagesTable>, 'created_at' | 'updated_at'>): Promise<MessageRow | undefined> {
    const at = now();
    return db.insertInto('messages').values({ ...values, created_at: at, updated_at: at })
      .onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
  },

  /**
   * What the auto-reply rules ask of a conversation's other messages, aggregated in the database
   * (a long conversation is not read row by row): the newest public reply and template, whether
   * any reply or template exists, and whether an email was asked for (content type `emailType`).
   */
  async replyFacts(db: Executor, conversationId: number, exceptId: number, emailType: number): Promise<ReplyFacts> {
    const { rows } = await sql<{ last_reply: number | null; last_template: number | null; answered: number | null; email_asked: number | null }>`
      SELECT max(CASE WHEN message_type = 1 AND NOT private THEN created_at END) AS last_reply,
             max(CASE WHEN message_type = 3 THEN created_at END) AS last_template,
             max(CASE WHEN message_type IN (1, 3) THEN 1 ELSE 0 END) AS answered,
             max(CASE WHEN content_type = ${emailType} THEN 1 ELSE 0 END) AS email_asked
      FROM messages WHERE conversation_id = ${conversationId} AND id <> ${exceptId}`.execute(db);
    const row = rows[0];
    return {
      lastPublicReplyAt: row?.last_reply === null || row?.last_reply === undefined ? null : Number(row.last_reply),
      lastTemplateAt: row?.last_template === null || row?.last_template === undefined ? null : Number(row.last_template),
      answered: Number(row?.answered ?? 0) === 1,
      emailAsked: Number(row?.email_asked ?? 0) === 1,
    };
  },

  update(db: Executor, id: number, values: Updateable<MessagesTable>): Promise<MessageRow> {
    return db.updateTable('messages').set({ ...values, updated_at: now() }).where('id', '=', id)
      .returningAll().executeTakeFirstOrThrow();
  },

  /** One page of a conversation's messages, oldest first. `withoutInternal` leaves out private notes and activity. */
  async listPage(db: Executor, conversationId: number, cursor: MessageCursor, withoutInternal: boolean): Promise<MessageRow[]> {
    let query = db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
    if (withoutInternal) {
      query = query.where('private', '=', false).where('message_type', '!=', 2);
    }
    switch (cursor.kind) {
      case 'latest':
        return (await query.orderBy('id', 'desc').limit(MESSAGE_PAGE_SIZES.latest).execute()).reverse();
      case 'before':
        return (await query.where('id', '<', cursor.before).orderBy('id', 'desc').limit(MESSAGE_PAGE_SIZES.before).execute()).reverse();
      case 'after':
        return query.where('id', '>', cursor.after).orderBy('id').limit(MESSAGE_PAGE_SIZES.after).execute();
      case 'between':
        return query.where('id', '>=', cursor.after).where('id', '<', cursor.before).orderBy('id').limit(MESSAGE_PAGE_SIZES.between).execute();
    }
  },

  /**
   * Outgoing replies that count toward "first reply" (Message#valid_first_reply?):
   * not from a bot, not private, not sent by a campaign.
   */
  async countHumanOutgoing(db: Executor, conversationId: number): Promise<number> {
    const row = await db.selectFrom('messages').select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('conversation_id', '=', conversationId).where('message_type', '=', 1).where('private', '=', false)
      .where('sender_type', '!=', 'AgentBot')
      .where(jsonText(db, sql.ref('additional_attributes'), 'campaign_id'), 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Replies (anything not incoming) still sent or delivered, created up to `until`: what a contact has now read. */
  listUnreadReplies(db: Executor, conversationId: number, until: number): Promise<MessageRow[]> {
    return db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId)
      .where('status', 'in', [0, 1]).where('message_type', '!=', 0).where('created_at', '<=', until).orderBy('id').execute();
  },

  /** Re-reads the conversation under a row lock, so messages of one conversation are created one at a time. */
  lockConversation(db: Executor, accountId: number, id: number): Promise<ConversationRow> {
    return db.selectFrom('conversations').selectAll().where('account_id', '=', accountId).where('id', '=', id)
      .modifyEnd(lockingClause(db)).executeTakeFirstOrThrow();
  },

  /** True when the inbox has an active agent bot (Inbox#active_bot?). */
  async inboxHasActiveBot(db: Executor, accountId: number, inboxId: number): Promise<boolean> {
    const row = await db.selectFrom('agent_bot_inboxes').select('id')
      .where('account_id', '=', accountId).where('inbox_id', '=', inboxId).where('status', '=', 0).executeTakeFirst();
    return row !== undefined;
  },
};
