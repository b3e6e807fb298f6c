import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { InboxesTable, InboxRow } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Inboxes of an account; each points at its channel row through channel_type + channel_id. */
export const inboxRepository = {
  findById(db: Executor, accountId: number, id: number): Promise<InboxRow | undefined> {
    return db.selectFrom('inboxes').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  findByIds(db: Executor, accountId: number, ids: number[]): Promise<InboxRow[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('inboxes').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
  },

  /**
   * The account's inboxes ordered by name, case-insensitively. With `memberUserId`
   * only the inboxes that user is a member of; with null, all of them.
   */
  list(db: Executor, accountId: number, memberUserId: number | null): Promise<InboxRow[]> {
    let query = db.selectFrom('inboxes').selectAll().where('account_id', '=', accountId);
    if (memberUserId !== null) {
      query = query.where('id', 'in', db.selectFrom('inbox_members').select('inbox_id').where('user_id', '=', memberUserId));
    }
    return query.orderBy(sql`lower(name)`).orderBy('id').execute();
  },

  insert(db: Executor, values: Omit<Insertable<InboxesTable>, 'created_at' | 'updated_at'>): Promise<InboxRow> {
    const at = now();
    return db.insertInto('inboxes').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, accountId: number, id: number, values: Updateable<InboxesTable>): Promise<InboxRow> {
    return db.updateTable('inboxes').set({ ...values, updated_at: now() })
      .where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  /** Deletes the inbox; its conversations, messages, contact inboxes and members go with it (foreign keys cascade). */
  async remove(db: Executor, accountId: number, id: number): Promise<void> {
    await db.deleteFrom('inboxes').where('account_id', '=', accountId).where('id', '=', id).execute();
  },
};
