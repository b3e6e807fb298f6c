import type { Executor } from '../db/dialect.js';

/** The receivers whose failure streak is kept on their own row besides account webhooks: API channels and agent bots. */
export type StreakTable = 'channel_api' | 'agent_bots';

/** A receiver's failure streak as it is now. */
export interface Streak {
  failing_since: number | null;
  failing_notified_at: number | null;
}

/**
 * Failure streaks of API-channel callbacks and agent bots (`failing_since`,
 * `failing_notified_at`). Both tables carry the same two columns; `agent_bots` stands for
 * either in the query types.
 */
export const receiverHealthRepository = {
  /** Starts the streak at `at` unless one is under way; returns it as it is now. */
  markFailing(db: Executor, table: StreakTable, id: number, at: number): Promise<Streak | undefined> {
    return db.updateTable(table as 'agent_bots').set((eb) => ({ failing_since: eb.fn.coalesce('failing_since', eb.val(at)) }))
      .where('id', '=', id).returning(['failing_since', 'failing_notified_at']).executeTakeFirst();
  },

  /** Ends the streak after a successful attempt (and forgets that it was reported). */
  async clearFailing(db: Executor, table: StreakTable, id: number): Promise<void> {
    await db.updateTable(table as 'agent_bots').set({ failing_since: null, failing_notified_at: null })
      .where('id', '=', id).where('failing_since', 'is not', null).execute();
  },

  /** Marks the current streak reported; true for the one caller that did it (a streak is reported once). */
  async claimNotice(db: Executor, table: StreakTable, id: number, at: number): Promise<boolean> {
    const row = await db.updateTable(table as 'agent_bots').set({ failing_notified_at: at })
      .where('id', '=', id).where('failing_since', 'is not', null).where('failing_notified_at', 'is', null)
      .returning('id').executeTakeFirst();
    return row !== undefined;
  },
};
