import { type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/** Issue 8 (the dashboard): canned responses, the reply snippets agents insert with `/`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  let table = db.schema.createTable('canned_responses');
  table = pg
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await table
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('short_code', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('canned_responses_account_short_code').on('canned_responses').columns(['account_id', 'short_code']).unique().execute();
}
