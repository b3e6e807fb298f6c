import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { DashboardAppFrame, DashboardAppRow, DashboardAppsTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** SQLite returns the JSON column as text (it shares its name with the messages' text column). */
function parsed(row: DashboardAppRow): DashboardAppRow {
  const content = row.content as unknown;
  return typeof content === 'string' ? { ...row, content: JSON.parse(content) as DashboardAppFrame[] } : row;
}

/** Dashboard apps of an account. */
export const dashboardAppRepository = {
  async list(db: Executor, accountId: number): Promise<DashboardAppRow[]> {
    const rows = await db.selectFrom('dashboard_apps').selectAll().where('account_id', '=', accountId).orderBy('id').limit(1000).execute();
    return rows.map(parsed);
  },

  async findById(db: Executor, accountId: number, id: number): Promise<DashboardAppRow | undefined> {
    const row = await db.selectFrom('dashboard_apps').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    return row && parsed(row);
  },

  async insert(db: Executor, values: Omit<Insertable<DashboardAppsTable>, 'created_at' | 'updated_at'>): Promise<DashboardAppRow> {
    const at = now();
    return parsed(await db.insertInto('dashboard_apps').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow());
  },

  async update(db: Executor, accountId: number, id: number, values: Updateable<DashboardAppsTable>): Promise<DashboardAppRow> {
    return parsed(await db.updateTable('dashboard_apps').set({ ...values, updated_at: now() })
      .where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow());
  },

  async remove(db: Executor, accountId: number, id: number): Promise<void> {
    await db.deleteFrom('dashboard_apps').where('account_id', '=', accountId).where('id', '=', id).execute();
  },
};
