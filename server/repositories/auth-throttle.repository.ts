import { sql } from 'kysely';
import type { Executor } from '../db/dialect.js';
import { now } from '../lib/clock.js';

/** Failed sign-in counters in fixed windows, keyed `ip:<address>` or `email:<address>`. */
export const authThrottleRepository = {
  /** The failures counted for `key` in the window that is still open at `at`. */
  async failures(db: Executor, key: string, windowMs: number, at = now()): Promise<{ failures: number; windowStartedAt: number }> {
    const row = await db.selectFrom('auth_throttles').select(['failures', 'window_started_at']).where('key', '=', key).executeTakeFirst();
    if (!row || row.window_started_at + windowMs <= at) {
      return { failures: 0, windowStartedAt: at };
    }
    return { failures: row.failures, windowStartedAt: row.window_started_at };
  },

  /** Counts one failure for `key`, starting a new window when the last one closed. One statement, safe across nodes. */
  async countFailure(db: Executor, key: string, windowMs: number, at = now()): Promise<void> {
    await db.insertInto('auth_throttles')
      .values({ key, failures: 1, window_started_at: at, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({
        failures: sql`CASE WHEN auth_throttles.window_started_at + ${windowMs} <= ${at} THEN 1 ELSE auth_throttles.failures + 1 END`,
        window_started_at: sql`CASE WHEN auth_throttles.window_started_at + ${windowMs} <= ${at} THEN ${at} ELSE auth_throttles.window_started_at END`,
        updated_at: at,
      }))
      .execute();
  },

  /** Forgets the counter of `key` (after a successful sign-in for the email). */
  async clear(db: Executor, key: string): Promise<void> {
    await db.deleteFrom('auth_throttles').where('key', '=', key).execute();
  },

  /** Deletes counters whose window closed before `before`. */
  async prune(db: Executor, before: number): Promise<void> {
    await db.deleteFrom('auth_throttles').where('window_started_at', '<', before).execute();
  },
};
