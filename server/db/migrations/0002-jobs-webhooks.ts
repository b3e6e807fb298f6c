import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';
import { migrationKit } from './kit.js';

/** Issue 6: the durable job queue, account webhooks, the delivery log of every outgoing webhook, the snooze wake-up index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const json = pg ? sql`jsonb` : sql`text`;

  const { table } = migrationKit(db);

  await table('jobs', (t) => t
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', json, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('dedupe_key', 'text')
    .addColumn('last_error', 'text'));
  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at', 'id']).execute();
  // One job not yet started per de-duplication key.
  await db.schema.createIndex('jobs_dedupe_waiting').on('jobs').column('dedupe_key').unique()
    .where(sql.ref('state'), '=', 'waiting').execute();

  await table('webhooks', (t) => t
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('inbox_id', 'integer', (c) => c.references('inboxes.id').onDelete('set null'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('webhook_type', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('subscriptions', json, (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('secret', 'text', (c) => c.notNull()));
  await db.schema.createIndex('webhooks_account_url_unique').on('webhooks').columns(['account_id', 'url']).unique().execute();

  await table('webhook_deliveries', (t) => t
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'integer')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('response_code', 'integer')
    .addColumn('latency_ms', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('locked_until', 'bigint')
    .addColumn('delivered_at', 'bigint'));
  await db.schema.createIndex('webhook_deliveries_delivery_unique').on('webhook_deliveries').column('delivery_id').unique().execute();
  await db.schema.createIndex('webhook_deliveries_event_target_unique').on('webhook_deliveries')
    .columns(['event_id', 'target_type', 'target_id']).unique().execute();
  await db.schema.createIndex('webhook_deliveries_target').on('webhook_deliveries').columns(['target_type', 'target_id', 'id']).execute();
  // The snooze wake-up job looks for snoozed conversations whose time has come.
  await db.schema.createIndex('conversations_status_snoozed_until').on('conversations').columns(['status', 'snoozed_until']).execute();
  await db.schema.createIndex('webhook_deliveries_group').on('webhook_deliveries').columns(['group_key', 'status', 'id']).execute();
}

/** Drops the tables of this migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_status_snoozed_until').execute();
  for (const name of ['webhook_deliveries', 'webhooks', 'jobs']) {
    await db.schema.dropTable(name).execute();
  }
}
