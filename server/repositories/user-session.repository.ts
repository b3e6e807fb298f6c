import type { Executor } from '../db/dialect.js';
import type { UserSessionRow } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Signed-in clients of users (one row per `client`), tokens stored as SHA-256 digests. */
export const userSessionRepository = {
  find(db: Executor, userId: number, client: string): Promise<UserSessionRow | undefined> {
    return db.selectFrom('user_sessions').selectAll().where('user_id', '=', userId).where('client', '=', client).executeTakeFirst();
  },

  insert(db: Executor, values: { user_id: number; client: string; token_digest: string; expires_at: number; ip_address: string | null; user_agent: string | null }): Promise<UserSessionRow> {
    const at = now();
    return db.insertInto('user_sessions').values({ ...values, last_activity_at: at, created_at: at, updated_at: at })
      .returningAll().executeTakeFirstOrThrow();
  },

  /** Drops the user's expired sessions and, beyond `keep` live ones, the ones expiring first. */
  async prune(db: Executor, userId: number, keep: number): Promise<void> {
    await db.deleteFrom('user_sessions').where('user_id', '=', userId).where('expires_at', '<=', now()).execute();
    const live = await db.selectFrom('user_sessions').select('id').where('user_id', '=', userId)
      .orderBy('expires_at', 'desc').orderBy('id', 'desc').execute();
    const extra = live.slice(keep).map((row) => row.id);
    if (extra.length > 0) {
      await db.deleteFrom('user_sessions').where('id', 'in', extra).execute();
    }
  },

  async remove(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('user_sessions').where('id', '=', id).execute();
  },

  async removeAllOfUser(db: Executor, userId: number): Promise<void> {
    await db.deleteFrom('user_sessions').where('user_id', '=', userId).execute();
  },
};
