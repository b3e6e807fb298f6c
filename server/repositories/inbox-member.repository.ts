import type { Executor } from '../db/dialect.js';
import { now } from '../lib/clock.js';

/** Which users are members of which inboxes (agents see only their inboxes' conversations). */
export const inboxMemberRepository = {
  /** The member user ids of an inbox, in the order they were added. */
  async listUserIds(db: Executor, inboxId: number): Promise<number[]> {
    const rows = await db.selectFrom('inbox_members').select('user_id').where('inbox_id', '=', inboxId).orderBy('id').execute();
    return rows.map((r) => r.user_id);
  },

  async isMember(db: Executor, inboxId: number, userId: number): Promise<boolean> {
    const row = await db.selectFrom('inbox_members').select('id')
      .where('inbox_id', '=', inboxId).where('user_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  },

  /** The ids of the account's inboxes the user is a member of. */
  async listInboxIdsOfUser(db: Executor, accountId: number, userId: number): Promise<number[]> {
    const rows = await db.selectFrom('inbox_members').innerJoin('inboxes', 'inboxes.id', 'inbox_members.inbox_id')
      .select('inbox_members.inbox_id').where('inboxes.account_id', '=', accountId)
      .where('inbox_members.user_id', '=', userId).execute();
    return rows.map((r) => r.inbox_id);
  },

  async addMany(db: Executor, inboxId: number, userIds: number[]): Promise<void> {
    if (userIds.length === 0) {
      return;
    }
    const at = now();
    await db.insertInto('inbox_members')
      .values(userIds.map((userId) => ({ inbox_id: inboxId, user_id: userId, created_at: at, updated_at: at })))
      .onConflict((oc) => oc.columns(['inbox_id', 'user_id']).doNothing())
      .execute();
  },

  async removeMany(db: Executor, inboxId: number, userIds: number[]): Promise<void> {
    if (userIds.length === 0) {
      return;
    }
    await db.deleteFrom('inbox_members').where('inbox_id', '=', inboxId).where('user_id', 'in', userIds).execute();
  },

  /** Removes the user from every inbox of the account. */
  async removeUserFromAccount(db: Executor, accountId: number, userId: number): Promise<void> {
    await db.deleteFrom('inbox_members').where('user_id', '=', userId)
      .where('inbox_id', 'in', db.selectFrom('inboxes').select('id').where('account_id', '=', accountId))
      .execute();
  },
};
