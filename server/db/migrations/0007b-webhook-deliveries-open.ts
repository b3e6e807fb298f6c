import type { Kysely } from 'kysely';

/** The resume sweep looks for open deliveries (pending or sending) by status and due time. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('webhook_deliveries_status_due').on('webhook_deliveries').columns(['status', 'locked_until']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_status_due').execute();
}
