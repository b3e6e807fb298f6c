import type { Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { ConversationRow, ConversationsTable, NewConversation } from '../db/schema.js';
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

  insert(db: Executor, values: NewConversation): Promise<ConversationRow> {
    return db.insertInto('conversations').values(values).returningAll().executeTakeFirstOrThrow();
  },

  /** Updates columns and bumps updated_at. */
  update(db: Executor, id: number, values: Updateable<ConversationsTable>): Promise<ConversationRow> {
    return db.updateTable('conversations').set({ updated_at: now(), ...values }).where('id', '=', id)
      .returningAll().executeTakeFirstOrThrow();
  },
};
