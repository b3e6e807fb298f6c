import type { Executor } from '../db/dialect.js';
import { now } from '../lib/clock.js';

/** Who was mentioned in which conversation, and when last (Chatwoot's mentions). */
export const mentionRepository = {
  /** Creates the mention, or moves its mentioned_at to now (Conversations::UserMentionJob). */
  async upsert(db: Executor, accountId: number, conversationId: number, userId: number): Promise<void> {
    const at = now();
    await db.insertInto('mentions')
      .values({ account_id: accountId, conversation_id: conversationId, user_id: userId, mentioned_at: at, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'conversation_id']).doUpdateSet({ mentioned_at: at, updated_at: at }))
      .execute();
  },

  async list(db: Executor, accountId: number, conversationId: number): Promise<Array<{ user_id: number; mentioned_at: number }>> {
    return db.selectFrom('mentions').select(['user_id', 'mentioned_at']).where('account_id', '=', accountId)
      .where('conversation_id', '=', conversationId).orderBy('id').execute();
  },
};
