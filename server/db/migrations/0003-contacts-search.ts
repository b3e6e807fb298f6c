import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Issue 4 (search half): custom attribute definitions, and the indexes contact search
 * runs on. Substring search over name, email, phone and identifier is answered from a
 * trigram index (SQLite: an FTS5 table kept in sync by triggers; PostgreSQL: pg_trgm
 * GIN); queries shorter than three characters match by prefix on ordinary indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema.createTable('custom_attribute_definitions')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('attribute_display_name', 'text', (c) => c.notNull())
    .addColumn('attribute_key', 'text', (c) => c.notNull())
    .addColumn('attribute_display_type', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attribute_model', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attribute_description', 'text')
    .addColumn('attribute_values', pg ? sql`jsonb` : sql`text`, (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('default_value', 'integer')
    .addColumn('regex_pattern', 'text')
    .addColumn('regex_cue', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Chatwoot's attribute_key_model_index: a key is unique per account and model.
  await db.schema.createIndex('custom_attribute_definitions_key_unique').on('custom_attribute_definitions')
    .columns(['account_id', 'attribute_model', 'attribute_key']).unique().execute();

  if (pg) {
    await postgresSearchIndexes(db);
  } else {
    await sqliteSearchIndexes(db);
  }
}

/** pg_trgm GIN over the four searched columns; text_pattern_ops btrees for prefix matches. */
async function postgresSearchIndexes(db: Kysely<unknown>): Promise<void> {
  // Schemas migrating side by side would race on creating the one extension: take turns.
  await sql`SELECT pg_advisory_xact_lock(hashtext('parley_pg_trgm'))`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`.execute(db);
  await sql`CREATE INDEX contacts_search_trgm ON contacts USING gin (
    name public.gin_trgm_ops, email public.gin_trgm_ops, phone_number public.gin_trgm_ops, identifier public.gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX contacts_name_prefix ON contacts (account_id, lower(name) text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX contacts_email_prefix ON contacts (account_id, email text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX contacts_phone_prefix ON contacts (account_id, phone_number text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX contacts_identifier_prefix ON contacts (account_id, identifier text_pattern_ops)`.execute(db);
}

/**
 * An external-content FTS5 table with the trigram tokenizer (case-insensitive), fed by
 * triggers so every writer (API, imports, merges) keeps it in step in its own transaction.
 * Email, phone and identifier prefixes use the existing unique (account_id, column)
 * indexes (binary collation: a range is a prefix); the name needs lower(name).
 */
async function sqliteSearchIndexes(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE contacts_search USING fts5(
    name, email, phone_number, identifier, content='contacts', content_rowid='id', tokenize='trigram')`.execute(db);
  await sql`INSERT INTO contacts_search(contacts_search) VALUES ('rebuild')`.execute(db);
  await sql`CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_search(rowid, name, email, phone_number, identifier)
    VALUES (new.id, new.name, new.email, new.phone_number, new.identifier);
  END`.execute(db);
  await sql`CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
    INSERT INTO contacts_search(contacts_search, rowid, name, email, phone_number, identifier)
    VALUES ('delete', old.id, old.name, old.email, old.phone_number, old.identifier);
  END`.execute(db);
  await sql`CREATE TRIGGER contacts_search_update AFTER UPDATE OF name, email, phone_number, identifier ON contacts BEGIN
    INSERT INTO contacts_search(contacts_search, rowid, name, email, phone_number, identifier)
    VALUES ('delete', old.id, old.name, old.email, old.phone_number, old.identifier);
    INSERT INTO contacts_search(rowid, name, email, phone_number, identifier)
    VALUES (new.id, new.name, new.email, new.phone_number, new.identifier);
  END`.execute(db);
  await sql`CREATE INDEX contacts_name_prefix ON contacts (account_id, lower(name))`.execute(db);
}
