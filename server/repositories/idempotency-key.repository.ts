import type { Selectable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { IdempotencyKeysTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;

/** Idempotency keys of POST requests, with the stored response once there is one. */
export const idempotencyKeyRepository = {
  find(db: Executor, scope: string, key: string): Promise<IdempotencyKeyRow | undefined> {
    return db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  },

  /** Claims the key for an in-flight request; undefined when another request holds it. */
  claim(db: Executor, values: { scope: string; key: string; method: string; path: string; request_digest: string }): Promise<IdempotencyKeyRow | undefined> {
    return db.insertInto('idempotency_keys').values({ ...values, created_at: now() })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returningAll().executeTakeFirst();
  },

  async complete(db: Executor, id: number, status: number, body: string, contentType: string | null): Promise<void> {
    await db.updateTable('idempotency_keys')
      .set({ response_status: status, response_body: body, response_content_type: contentType })
      .where('id', '=', id).execute();
  },

  async release(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('idempotency_keys').where('id', '=', id).execute();
  },

  async removeOlderThan(db: Executor, cutoffMs: number): Promise<void> {
    await db.deleteFrom('idempotency_keys').where('created_at', '<', cutoffMs).execute();
  },
};
