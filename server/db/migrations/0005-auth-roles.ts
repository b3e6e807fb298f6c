import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';
import { migrationKit, type Table } from './kit.js';

/**
 * Issue 7 (people, roles, audit): sign-in sessions per client, failed sign-in counters,
 * password-reset and confirmation tokens on users, custom roles, and the audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const json = pg ? sql`jsonb` : sql`text`;

  const { table: createTable } = migrationKit(db);
  const table = (name: string, build: (t: Table) => Table, withUpdated = true) => createTable(name, build, { updatedAt: withUpdated });

  // Devise's recoverable and confirmable columns; the tokens are stored as SHA-256 digests.
  await db.schema.alterTable('users').addColumn('reset_password_token', 'text').execute();
  await db.schema.alterTable('users').addColumn('reset_password_sent_at', 'bigint').execute();
  await db.schema.alterTable('users').addColumn('confirmation_token', 'text').execute();
  await db.schema.alterTable('users').addColumn('confirmation_sent_at', 'bigint').execute();
  await db.schema.createIndex('users_reset_password_token').on('users').column('reset_password_token').unique().execute();
  await db.schema.createIndex('users_uid').on('users').column('uid').execute();
  await db.schema.createIndex('users_confirmation_token').on('users').column('confirmation_token').unique().execute();

  // One row per signed-in client of a user (devise_token_auth's `tokens` hash, one entry per `client`).
  await table('user_sessions', (t) => t
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('token_digest', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('ip_address', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('last_activity_at', 'bigint'));
  await db.schema.createIndex('user_sessions_user_client').on('user_sessions').columns(['user_id', 'client']).unique().execute();

  // Failed sign-in counters per key (`ip:…`, `email:…`) in fixed windows, shared by every node.
  await table('auth_throttles', (t) => t
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_started_at', 'bigint', (c) => c.notNull()));
  await db.schema.createIndex('auth_throttles_key').on('auth_throttles').column('key').unique().execute();

  await table('custom_roles', (t) => t
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('permissions', json, (c) => c.notNull().defaultTo(sql`'[]'`)));
  await db.schema.createIndex('custom_roles_account').on('custom_roles').column('account_id').execute();
  await db.schema.alterTable('account_users')
    .addColumn('custom_role_id', 'integer', (c) => c.references('custom_roles.id').onDelete('set null')).execute();

  // The audit log (Chatwoot's `audits` table, written by the operations themselves).
  await table('audits', (t) => t
    .addColumn('auditable_type', 'text', (c) => c.notNull())
    .addColumn('auditable_id', 'integer')
    .addColumn('associated_type', 'text', (c) => c.notNull())
    .addColumn('associated_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('user_type', 'text')
    .addColumn('username', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('audited_changes', json, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('comment', 'text')
    .addColumn('remote_address', 'text')
    .addColumn('request_uuid', 'text'), false);
  await db.schema.createIndex('audits_associated').on('audits').columns(['associated_type', 'associated_id', 'id']).execute();
  await db.schema.createIndex('audits_auditable').on('audits').columns(['auditable_type', 'auditable_id', 'version']).execute();
}
