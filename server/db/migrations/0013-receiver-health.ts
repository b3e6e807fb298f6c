import type { Kysely } from 'kysely';

/**
 * Failure streaks of API-channel callbacks and agent bots, kept as account webhooks keep
 * theirs: when the first failed attempt of the current streak happened (null after a
 * success), and when the administrators were told the streak had lasted a day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['channel_api', 'agent_bots']) {
    await db.schema.alterTable(table).addColumn('failing_since', 'bigint').execute();
    await db.schema.alterTable(table).addColumn('failing_notified_at', 'bigint').execute();
  }
}

/** Drops what this migration added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['channel_api', 'agent_bots']) {
    await db.schema.alterTable(table).dropColumn('failing_notified_at').execute();
    await db.schema.alterTable(table).dropColumn('failing_since').execute();
  }
}
