import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { LabelRow, LabelsTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** The account's label catalogue (titles, colours); what carries a label lives in taggings. */
export const labelRepository = {
  /** Every label of the account, ordered by title (Chatwoot's default scope). */
  list(db: Executor, accountId: number): Promise<LabelRow[]> {
    return db.selectFrom('labels').selectAll().where('account_id', '=', accountId).orderBy('title').orderBy('id').execute();
  },

  findById(db: Executor, accountId: number, id: number): Promise<LabelRow | undefined> {
    return db.selectFrom('labels').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  /** The titles among `titles` that are labels of the account. */
  async existingTitles(db: Executor, accountId: number, titles: string[]): Promise<string[]> {
    if (titles.length === 0) {
      return [];
    }
    const rows = await db.selectFrom('labels').select('title').where('account_id', '=', accountId).where('title', 'in', titles).execute();
    return rows.map((r) => r.title);
  },

  findByTitle(db: Executor, accountId: number, title: string): Promise<LabelRow | undefined> {
    return db.selectFrom('labels').selectAll().where('account_id', '=', accountId).where('title', '=', title).executeTakeFirst();
  },

  insert(db: Executor, values: Omit<Insertable<LabelsTable>, 'created_at' | 'updated_at'>): Promise<LabelRow> {
    const at = now();
    return db.insertInto('labels').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, accountId: number, id: number, values: Updateable<LabelsTable>): Promise<LabelRow> {
    return db.updateTable('labels').set({ ...values, updated_at: now() })
      .where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  async remove(db: Executor, accountId: number, id: number): Promise<void> {
    await db.deleteFrom('labels').where('account_id', '=', accountId).where('id', '=', id).execute();
  },
};
