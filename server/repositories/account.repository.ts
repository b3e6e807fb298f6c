import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { AccountRow, AccountsTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Accounts (tenants). */
export const accountRepository = {
  findById(db: Executor, id: number): Promise<AccountRow | undefined> {
    return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByIds(db: Executor, ids: number[]): Promise<AccountRow[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('accounts').selectAll().where('id', 'in', ids).orderBy('id').execute();
  },

  insert(db: Executor, values: Omit<Insertable<AccountsTable>, 'created_at' | 'updated_at'>): Promise<AccountRow> {
    const at = now();
    return db.insertInto('accounts').values({ ...values, created_at: at, updated_at: at })
      .returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, id: number, values: Updateable<AccountsTable>): Promise<AccountRow> {
    return db.updateTable('accounts').set({ ...values, updated_at: now() }).where('id', '=', id)
      .returningAll().executeTakeFirstOrThrow();
  },

  async remove(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('accounts').where('id', '=', id).execute();
  },

  /**
   * Hands out the account's next conversation display_id. The UPDATE takes the
   * account row's write lock until commit, so concurrent creations queue and a
   * rolled-back creation gives its number back: no gaps, no duplicates.
   */
  async nextConversationDisplayId(db: Executor, accountId: number): Promise<number> {
    const row = await db.updateTable('accounts')
      .set((eb) => ({ last_conversation_display_id: eb('last_conversation_display_id', '+', 1) }))
      .where('id', '=', accountId)
      .returning('last_conversation_display_id')
      .executeTakeFirstOrThrow();
    return row.last_conversation_display_id;
  },
};
