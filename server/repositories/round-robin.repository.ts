import { transactionLock, type Executor } from '../db/dialect.js';
import { now } from '../lib/clock.js';

/** Advisory-lock namespace of per-inbox assignment (any constant no other lock uses). */
const ASSIGNMENT_LOCK = 7_303_012;

/**
 * The round-robin order of each inbox (Chatwoot keeps it as a Redis list per inbox): one
 * row per member; the lowest position goes next and a pick moves that member to the end.
 */
export const roundRobinRepository = {
  /**
   * Takes the inbox's assignment lock for the rest of the transaction (so assignment runs on
   * every node take turns per inbox); false when the inbox is not the account's.
   */
  async lockInbox(db: Executor, accountId: number, inboxId: number): Promise<boolean> {
    const row = await db.selectFrom('inboxes').select('id').where('account_id', '=', accountId).where('id', '=', inboxId).executeTakeFirst();
    if (row) {
      await transactionLock(db, ASSIGNMENT_LOCK, inboxId);
    }
    return row !== undefined;
  },

  /** user id → position for the inbox. */
  async positions(db: Executor, inboxId: number): Promise<Map<number, number>> {
    const rows = await db.selectFrom('inbox_round_robin').select(['user_id', 'position']).where('inbox_id', '=', inboxId).execute();
    return new Map(rows.map((r) => [r.user_id, Number(r.position)]));
  },

  /** Adds members at the given positions (after the current last). */
  async add(db: Executor, accountId: number, inboxId: number, entries: Array<{ userId: number; position: number }>): Promise<void> {
    if (entries.length === 0) {
      return;
    }
    const at = now();
    await db.insertInto('inbox_round_robin')
      .values(entries.map((e) => ({ account_id: accountId, inbox_id: inboxId, user_id: e.userId, position: e.position, created_at: at, updated_at: at })))
      .onConflict((oc) => oc.columns(['inbox_id', 'user_id']).doNothing())
      .execute();
  },

  async remove(db: Executor, inboxId: number, userIds: number[]): Promise<void> {
    if (userIds.length > 0) {
      await db.deleteFrom('inbox_round_robin').where('inbox_id', '=', inboxId).where('user_id', 'in', userIds).execute();
    }
  },

  async setPosition(db: Executor, inboxId: number, userId: number, position: number): Promise<void> {
    await db.updateTable('inbox_round_robin').set({ position, updated_at: now() })
      .where('inbox_id', '=', inboxId).where('user_id', '=', userId).execute();
  },
};
