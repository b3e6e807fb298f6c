import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connect.js';
import * as core from './migrations/0001-core.js';
import * as jobsWebhooks from './migrations/0002-jobs-webhooks.js';

/** Every migration, in order; one set for both engines. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-core': core,
  '0002-jobs-webhooks': jobsWebhooks,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; throws on the first failing migration. */
export async function migrate(db: Db): Promise<string[]> {
  // On PostgreSQL, name the schema: Kysely's table lookup otherwise sees other schemas' tables too.
  const schema = db.dialect === 'postgres'
    ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db.kysely)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({
    db: db.kysely,
    provider,
    migrationTableName: 'parley_migrations',
    migrationLockTableName: 'parley_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw error instanceof Error ? error : new Error(String(error));
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
