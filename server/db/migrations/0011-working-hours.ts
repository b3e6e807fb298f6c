import { sql, type Kysely } from 'kysely';
import { migrationKit } from './kit.js';

/**
 * Issue 9: each inbox's weekly schedule (Chatwoot's `working_hours`), seven rows per inbox.
 * Existing inboxes get Chatwoot's default: weekdays 9:00–17:00, weekends closed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { table, index } = migrationKit(db);
  await table('working_hours', (t) => t
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('inbox_id', 'integer', (c) => c.notNull().references('inboxes.id').onDelete('cascade'))
    .addColumn('day_of_week', 'integer', (c) => c.notNull())
    .addColumn('closed_all_day', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('open_hour', 'integer')
    .addColumn('open_minutes', 'integer')
    .addColumn('close_hour', 'integer')
    .addColumn('close_minutes', 'integer')
    .addColumn('open_all_day', 'boolean', (c) => c.notNull().defaultTo(false)));
  await index('working_hours_inbox_day_unique', 'working_hours', ['inbox_id', 'day_of_week'], true);
  await index('working_hours_account', 'working_hours', ['account_id']);
  for (const day of [0, 1, 2, 3, 4, 5, 6]) {
    const closed = day === 0 || day === 6;
    const hour = (value: number) => (closed ? sql`NULL` : sql.lit(value));
    await sql`INSERT INTO working_hours (account_id, inbox_id, day_of_week, closed_all_day, open_hour, open_minutes, close_hour, close_minutes, open_all_day, created_at, updated_at)
      SELECT account_id, id, ${sql.lit(day)}, ${sql.lit(closed)}, ${hour(9)}, ${hour(0)}, ${hour(17)}, ${hour(0)}, ${sql.lit(false)}, created_at, created_at FROM inboxes`.execute(db);
  }
}
