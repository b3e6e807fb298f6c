import type { Kysely } from 'kysely';
import { migrationKit } from './kit.js';

/**
 * Issue 4 (contact data): contact notes, CSV data imports with their progress and
 * failed-rows file, and the storage key of an uploaded contact avatar.
 */
export async function up(db: Kysely<unknown>): Promise<void> {

  const { table } = migrationKit(db);

  await table('notes', (t) => t
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('content', 'text', (c) => c.notNull()));
  await db.schema.createIndex('notes_contact').on('notes').columns(['contact_id', 'created_at']).execute();
  await db.schema.createIndex('notes_user').on('notes').column('user_id').execute();

  await table('data_imports', (t) => t
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processing_errors', 'text')
    .addColumn('total_records', 'integer')
    .addColumn('processed_records', 'integer')
    .addColumn('import_file_key', 'text')
    .addColumn('import_file_name', 'text')
    .addColumn('failed_records_key', 'text'));
  await db.schema.createIndex('data_imports_account').on('data_imports').columns(['account_id', 'id']).execute();

  await db.schema.alterTable('contacts').addColumn('avatar_key', 'text').execute();
}

/** Drops what this migration added. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('contacts').dropColumn('avatar_key').execute();
  await db.schema.dropTable('data_imports').execute();
  await db.schema.dropTable('notes').execute();
}
