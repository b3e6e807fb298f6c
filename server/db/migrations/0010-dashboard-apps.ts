import { type Kysely } from 'kysely';
import { migrationKit } from './kit.js';

/** Issue 8: dashboard apps, iframes an administrator adds to the conversation view's side panel. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const kit = migrationKit(db);
  await kit.table('dashboard_apps', (t) => t
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', kit.json, (c) => c.notNull()));
  await kit.index('dashboard_apps_account_id', 'dashboard_apps', ['account_id']);
  await kit.index('dashboard_apps_user_id', 'dashboard_apps', ['user_id']);
}
