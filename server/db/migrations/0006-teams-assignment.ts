import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';
import { migrationKit, type Table } from './kit.js';

/**
 * Issue 7 (teams and assignment half): conversation participants, mentions, notifications and
 * their per-user settings, the round-robin order of each inbox, and the receipts that make
 * outbox consumers run their work once per event.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const json = pg ? sql`jsonb` : sql`text`;

  const { table } = migrationKit(db);
  const accountRef = (t: Table) => t.addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'));
  const userRef = (t: Table) => t.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'));
  const conversationRef = (t: Table) => t.addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id').onDelete('cascade'));

  await table('conversation_participants', (t) => conversationRef(userRef(accountRef(t))));
  await db.schema.createIndex('conversation_participants_unique').on('conversation_participants')
    .columns(['conversation_id', 'user_id']).unique().execute();
  await db.schema.createIndex('conversation_participants_user').on('conversation_participants').columns(['user_id', 'account_id']).execute();

  await table('mentions', (t) => conversationRef(userRef(accountRef(t)))
    .addColumn('mentioned_at', 'bigint', (c) => c.notNull()));
  await db.schema.createIndex('mentions_user_conversation_unique').on('mentions').columns(['user_id', 'conversation_id']).unique().execute();
  await db.schema.createIndex('mentions_conversation').on('mentions').column('conversation_id').execute();

  await table('notifications', (t) => userRef(accountRef(t))
    .addColumn('notification_type', 'integer', (c) => c.notNull())
    .addColumn('primary_actor_type', 'text', (c) => c.notNull())
    .addColumn('primary_actor_id', 'integer', (c) => c.notNull())
    .addColumn('secondary_actor_type', 'text')
    .addColumn('secondary_actor_id', 'integer')
    .addColumn('read_at', 'bigint')
    .addColumn('snoozed_until', 'bigint')
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('meta', json, (c) => c.notNull().defaultTo(sql`'{}'`)));
  await db.schema.createIndex('notifications_user_account').on('notifications')
    .columns(['user_id', 'account_id', 'snoozed_until', 'read_at']).execute();
  await db.schema.createIndex('notifications_primary_actor').on('notifications').columns(['primary_actor_type', 'primary_actor_id']).execute();

  await table('notification_settings', (t) => userRef(accountRef(t))
    .addColumn('email_flags', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('push_flags', 'integer', (c) => c.notNull().defaultTo(0)));
  await db.schema.createIndex('notification_settings_account_user_unique').on('notification_settings')
    .columns(['account_id', 'user_id']).unique().execute();

  // Round-robin order per inbox: the member with the lowest position is next; a pick moves them to the end.
  await table('inbox_round_robin', (t) => userRef(accountRef(t))
    .addColumn('inbox_id', 'integer', (c) => c.notNull().references('inboxes.id').onDelete('cascade'))
    .addColumn('position', 'bigint', (c) => c.notNull()));
  await db.schema.createIndex('inbox_round_robin_unique').on('inbox_round_robin').columns(['inbox_id', 'user_id']).unique().execute();

  // One row per (consumer, event) once a consumer's work for that event committed: replays skip it.
  await db.schema.createTable('consumer_receipts')
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('consumer_receipts_pkey', ['consumer', 'event_id'])
    .execute();
}

/** Drops the tables of this migration. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['consumer_receipts', 'inbox_round_robin', 'notification_settings', 'notifications', 'mentions', 'conversation_participants']) {
    await db.schema.dropTable(name).execute();
  }
}
