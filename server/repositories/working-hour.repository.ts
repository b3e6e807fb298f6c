import type { Updateable } from 'kysely';
import type { WorkingDay } from '../../common/working-hours.js';
import type { Executor } from '../db/dialect.js';
import type { WorkingHoursTable, WorkingHourRow } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** The seven days of each inbox's weekly schedule. */
export const workingHourRepository = {
  /** The inbox's days, Sunday first. */
  listByInbox(db: Executor, accountId: number, inboxId: number): Promise<WorkingHourRow[]> {
    return db.selectFrom('working_hours').selectAll().where('account_id', '=', accountId).where('inbox_id', '=', inboxId)
      .orderBy('day_of_week').execute();
  },

  /** The days of these inboxes, keyed by inbox id, each Sunday first. */
  async listByInboxes(db: Executor, accountId: number, inboxIds: number[]): Promise<Map<number, WorkingHourRow[]>> {
    const byInbox = new Map<number, WorkingHourRow[]>(inboxIds.map((id) => [id, []]));
    if (inboxIds.length === 0) {
      return byInbox;
    }
    const rows = await db.selectFrom('working_hours').selectAll().where('account_id', '=', accountId).where('inbox_id', 'in', inboxIds)
      .orderBy('inbox_id').orderBy('day_of_week').execute();
    for (const row of rows) {
      byInbox.get(row.inbox_id)?.push(row);
    }
    return byInbox;
  },

  /** Writes the inbox's days. */
  async insertMany(db: Executor, accountId: number, inboxId: number, days: WorkingDay[]): Promise<WorkingHourRow[]> {
    const at = now();
    return db.insertInto('working_hours')
      .values(days.map((d) => ({ ...d, account_id: accountId, inbox_id: inboxId, created_at: at, updated_at: at })))
      .returningAll().execute();
  },

  update(db: Executor, accountId: number, id: number, values: Updateable<WorkingHoursTable>): Promise<WorkingHourRow> {
    return db.updateTable('working_hours').set({ ...values, updated_at: now() })
      .where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },
};
