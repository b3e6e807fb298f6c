import type { Executor } from '../db/dialect.js';
import { now } from '../lib/clock.js';

/** Users who follow a conversation (Chatwoot's conversation_participants). */
export const conversationParticipantRepository = {
  /** The participant user ids of a conversation, in the order they were added. */
  async listUserIds(db: Executor, accountId: number, conversationId: number): Promise<number[]> {
    const rows = await db.selectFrom('conversation_participants').select('user_id')
      .where('account_id', '=', accountId).where('conversation_id', '=', conversationId).orderBy('id').execute();
    return rows.map((r) => r.user_id);
  },

  /** True when the user is a participant of the conversation. */
  async isParticipant(db: Executor, accountId: number, conversationId: number, userId: number): Promise<boolean> {
    const row = await db.selectFrom('conversation_participants').select('id')
      .where('account_id', '=', accountId).where('conversation_id', '=', conversationId).where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Adds participants; users already participating stay as they are. */
  async addMany(db: Executor, accountId: number, conversationId: number, userIds: number[]): Promise<void> {
    if (userIds.length === 0) {
      return;
    }
    const at = now();
    await db.insertInto('conversation_participants')
      .values(userIds.map((userId) => ({ account_id: accountId, conversation_id: conversationId, user_id: userId, created_at: at, updated_at: at })))
      .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
      .execute();
  },

  async removeMany(db: Executor, accountId: number, conversationId: number, userIds: number[]): Promise<void> {
    if (userIds.length === 0) {
      return;
    }
    await db.deleteFrom('conversation_participants').where('account_id', '=', accountId)
      .where('conversation_id', '=', conversationId).where('user_id', 'in', userIds).execute();
  },
};
