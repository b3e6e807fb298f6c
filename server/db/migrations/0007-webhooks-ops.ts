import type { Kysely } from 'kysely';

/**
 * Operating webhooks: secret rotation with an overlap window (account webhooks, API
 * channels, agent bots keep their previous secret until it expires), and the enabled /
 * disabled state of account webhooks with the start of their current failure streak.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['webhooks', 'channel_api', 'agent_bots']) {
    await db.schema.alterTable(table).addColumn('previous_secret', 'text').execute();
    await db.schema.alterTable(table).addColumn('previous_secret_expires_at', 'bigint').execute();
  }
  // 0 enabled, 1 disabled.
  await db.schema.alterTable('webhooks').addColumn('status', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('webhooks').addColumn('disabled_at', 'bigint').execute();
  // When the first failed attempt of the current streak happened; null after a success.
  await db.schema.alterTable('webhooks').addColumn('failing_since', 'bigint').execute();
  // Dead jobs are pruned by age.
  await db.schema.createIndex('jobs_state_updated').on('jobs').columns(['state', 'updated_at']).execute();
}

/** Drops what this migration added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('jobs_state_updated').execute();
  for (const column of ['failing_since', 'disabled_at', 'status']) {
    await db.schema.alterTable('webhooks').dropColumn(column).execute();
  }
  for (const table of ['webhooks', 'channel_api', 'agent_bots']) {
    await db.schema.alterTable(table).dropColumn('previous_secret_expires_at').execute();
    await db.schema.alterTable(table).dropColumn('previous_secret').execute();
  }
}
