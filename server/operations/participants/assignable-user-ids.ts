import type { Executor } from '../../db/dialect.js';
import type { ConversationRow } from '../../db/schema.js';

/**
 * Among `userIds`, the users who may work in the conversation's inbox: its members and the
 * account's administrators (Chatwoot's `inbox.assignable_agents`).
 */
export async function assignableUserIds(db: Executor, conversation: ConversationRow, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) {
    return new Set();
  }
  const rows = await db.selectFrom('account_users').select('user_id')
    .where('account_id', '=', conversation.account_id).where('user_id', 'in', userIds)
    .where((eb) => eb.or([
      eb('role', '=', 1),
      eb('user_id', 'in', eb.selectFrom('inbox_members').select('user_id').where('inbox_id', '=', conversation.inbox_id)),
    ]))
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
