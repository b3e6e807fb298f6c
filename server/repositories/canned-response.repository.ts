import { sql, type Insertable, type Updateable } from 'kysely';
import { containsIgnoringCase, startsWithIgnoringCase, type Executor } from '../db/dialect.js';
import type { CannedResponseRow, CannedResponsesTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Canned responses of an account. */
export const cannedResponseRepository = {
  /**
   * The account's canned responses; with `search`, those whose short code or content contains
   * it (ignoring case), short codes starting with it first, then short codes, then content.
   */
  list(db: Executor, accountId: number, search?: string): Promise<CannedResponseRow[]> {
    let query = db.selectFrom('canned_responses').selectAll().where('account_id', '=', accountId);
    if (search) {
      const inCode = containsIgnoringCase(db, sql.ref('short_code'), search);
      const inContent = containsIgnoringCase(db, sql.ref('content'), search);
      query = query.where((eb) => eb.or([inCode, inContent]))
        .orderBy(sql`CASE WHEN ${startsWithIgnoringCase(db, sql.ref('short_code'), search)} THEN 3 WHEN ${inCode} THEN 2 ELSE 1 END`, 'desc');
    }
    return query.orderBy('id').limit(1000).execute();
  },

  findById(db: Executor, accountId: number, id: number): Promise<CannedResponseRow | undefined> {
    return db.selectFrom('canned_responses').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  findByShortCode(db: Executor, accountId: number, shortCode: string): Promise<CannedResponseRow | undefined> {
    return db.selectFrom('canned_responses').selectAll().where('account_id', '=', accountId).where('short_code', '=', shortCode).executeTakeFirst();
  },

  insert(db: Executor, values: Omit<Insertable<CannedResponsesTable>, 'created_at' | 'updated_at'>): Promise<CannedResponseRow> {
    const at = now();
    return db.insertInto('canned_responses').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, accountId: number, id: number, values: Updateable<CannedResponsesTable>): Promise<CannedResponseRow> {
    return db.updateTable('canned_responses').set({ ...values, updated_at: now() })
      .where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  async remove(db: Executor, accountId: number, id: number): Promise<void> {
    await db.deleteFrom('canned_responses').where('account_id', '=', accountId).where('id', '=', id).execute();
  },
};
