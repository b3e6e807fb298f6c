import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';
import { migrationKit, type Table } from './kit.js';

/** The core tables of issue 1: accounts, users, tokens, inboxes, contacts, conversations, messages, outbox. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const json = pg ? sql`jsonb` : sql`text`;
  const emptyObject = sql`'{}'`;

  const { table: createTable } = migrationKit(db);
  const table = (name: string, build: (t: Table) => Table, withUpdated = true) => createTable(name, build, { updatedAt: withUpdated });
  const index = (name: string, tableName: string, columns: string[], unique = false): Promise<void> => {
    const b = db.schema.createIndex(name).on(tableName).columns(columns);
    return (unique ? b.unique() : b).execute();
  };
  const ref = (target: string, onDelete: 'cascade' | 'set null' = 'cascade') =>
    (c: Parameters<Parameters<Table['addColumn']>[2] & object>[0]) => c.references(`${target}.id`).onDelete(onDelete);

  await table('accounts', (t) => t
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('domain', 'text')
    .addColumn('support_email', 'text')
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('auto_resolve_duration', 'integer')
    .addColumn('limits', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('custom_attributes', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('settings', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('features', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('last_conversation_display_id', 'integer', (c) => c.notNull().defaultTo(0)));

  await table('users', (t) => t
    .addColumn('provider', 'text', (c) => c.notNull().defaultTo('email'))
    .addColumn('uid', 'text', (c) => c.notNull())
    .addColumn('encrypted_password', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('pubsub_token', 'text', (c) => c.notNull())
    .addColumn('availability', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ui_settings', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('custom_attributes', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('type', 'text')
    .addColumn('message_signature', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('confirmed_at', 'bigint'));
  await index('users_email_unique', 'users', ['email'], true);
  await index('users_pubsub_token_unique', 'users', ['pubsub_token'], true);

  await table('account_users', (t) => t
    .addColumn('account_id', 'integer', (c) => ref('accounts')(c.notNull()))
    .addColumn('user_id', 'integer', (c) => ref('users')(c.notNull()))
    .addColumn('role', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inviter_id', 'integer')
    .addColumn('active_at', 'bigint')
    .addColumn('availability', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('auto_offline', 'boolean', (c) => c.notNull().defaultTo(true)));
  await index('account_users_account_user_unique', 'account_users', ['account_id', 'user_id'], true);
  await index('account_users_user', 'account_users', ['user_id']);

  await table('access_tokens', (t) => t
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('token_digest', 'text', (c) => c.notNull())
    .addColumn('token_ciphertext', 'text', (c) => c.notNull()));
  await index('access_tokens_digest_unique', 'access_tokens', ['token_digest'], true);
  await index('access_tokens_owner', 'access_tokens', ['owner_type', 'owner_id']);

  await table('platform_apps', (t) => t.addColumn('name', 'text', (c) => c.notNull()));
  await table('platform_app_permissibles', (t) => t
    .addColumn('platform_app_id', 'integer', (c) => ref('platform_apps')(c.notNull()))
    .addColumn('permissible_type', 'text', (c) => c.notNull())
    .addColumn('permissible_id', 'integer', (c) => c.notNull()));
  await index('platform_app_permissibles_unique', 'platform_app_permissibles',
    ['platform_app_id', 'permissible_type', 'permissible_id'], true);

  await table('inboxes', (t) => t
    .addColumn('account_id', 'integer', (c) => ref('accounts')(c.notNull()))
    .addColumn('channel_id', 'integer', (c) => c.notNull())
    .addColumn('channel_type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enable_auto_assignment', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('greeting_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('greeting_message', 'text')
    .addColumn('email_address', 'text')
    .addColumn('working_hours_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('out_of_office_message', 'text')
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('enable_email_collect', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('csat_survey_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('allow_messages_after_resolved', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('auto_assignment_config', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('lock_to_single_conversation', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('portal_id', 'integer')
    .addColumn('sender_name_type', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('business_name', 'text')
    .addColumn('csat_config', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('avatar_url', 'text'));
  await index('inboxes_account', 'inboxes', ['account_id']);
  await index('inboxes_channel', 'inboxes', ['channel_type', 'channel_id']);

  await table('channel_api', (t) => t
    .addColumn('account_id', 'integer', (c) => ref('accounts')(c.notNull()))
    .addColumn('webhook_url', 'text')
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('hmac_token', 'text', (c) => c.notNull())
    .addColumn('hmac_mandatory', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('additional_attributes', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('secret', 'text', (c) => c.notNull()));
  await index('channel_api_identifier_unique', 'channel_api', ['identifier'], true);
  await index('channel_api_hmac_token_unique', 'channel_api', ['hmac_token'], true);

  await table('inbox_members', (t) => t
    .addColumn('inbox_id', 'integer', (c) => ref('inboxes')(c.notNull()))
    .addColumn('user_id', 'integer', (c) => ref('users')(c.notNull())));
  await index('inbox_members_unique', 'inbox_members', ['inbox_id', 'user_id'], true);
  await index('inbox_members_user', 'inbox_members', ['user_id']);

  await table('teams', (t) => t
    .addColumn('account_id', 'integer', (c) => ref('accounts')(c.notNull()))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('allow_auto_assign', 'boolean', (c) => c.notNull().defaultTo(true)));
  await index('teams_name_account_unique', 'teams', ['account_id', 'name'], true);

  await table('team_members', (t) => t
    .addColumn('team_id', 'integer', (c) => ref('teams')(c.notNull()))
    .addColumn('user_id', 'integer', (c) => ref('users')(c.notNull())));
  await index('team_members_unique', 'team_members', ['team_id', 'user_id'], true);

  await table('agent_bots', (t) => t
    .addColumn('account_id', 'integer', (c) => ref('accounts')(c))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('outgoing_url', 'text')
    .addColumn('bot_type', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bot_config', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('avatar_url', 'text'));
  await index('agent_bots_account', 'agent_bots', ['account_id']);

  await table('agent_bot_inboxes', (t) => t
    .addColumn('account_id', 'integer', (c) => ref('accounts')(c.notNull()))
    .addColumn('inbox_id', 'integer', (c) => ref('inboxes')(c.notNull()))
    .addColumn('agent_bot_id', 'integer', (c) => ref('agent_bots')(c.notNull()))
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(0)));
  await index('agent_bot_inboxes_inbox_unique', 'agent_bot_inboxes', ['inbox_id'], true);
  await index('agent_bot_inboxes_bot', 'agent_bot_inboxes', ['agent_bot_id']);

  await table('contacts', (t) => t
    .addColumn('account_id', 'integer', (c) => ref('accounts')(c.notNull()))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('middle_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text')
    .addColumn('phone_number', 'text')
    .addColumn('identifier', 'text')
    .addColumn('additional_attributes', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('custom_attributes', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('last_activity_at', 'bigint')
    .addColumn('contact_type', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('country_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('blocked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('avatar_url', 'text'));
  // email is stored downcased, so a plain unique index is case-insensitive uniqueness.
  await index('contacts_account_email_unique', 'contacts', ['account_id', 'email'], true);
  await index('contacts_account_identifier_unique', 'contacts', ['account_id', 'identifier'], true);
  await index('contacts_account_phone_unique', 'contacts', ['account_id', 'phone_number'], true);
  await index('contacts_account_activity', 'contacts', ['account_id', 'last_activity_at']);
  await index('contacts_account_created', 'contacts', ['account_id', 'created_at']);

  await table('contact_inboxes', (t) => t
    .addColumn('contact_id', 'integer', (c) => ref('contacts')(c.notNull()))
    .addColumn('inbox_id', 'integer', (c) => ref('inboxes')(c.notNull()))
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('hmac_verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('pubsub_token', 'text', (c) => c.notNull()));
  await index('contact_inboxes_inbox_source_unique', 'contact_inboxes', ['inbox_id', 'source_id'], true);
  await index('contact_inboxes_pubsub_unique', 'contact_inboxes', ['pubsub_token'], true);
  await index('contact_inboxes_contact', 'contact_inboxes', ['contact_id']);

  await table('conversations', (t) => t
    .addColumn('account_id', 'integer', (c) => ref('accounts')(c.notNull()))
    .addColumn('inbox_id', 'integer', (c) => ref('inboxes')(c.notNull()))
    .addColumn('display_id', 'integer', (c) => c.notNull())
    .addColumn('uuid', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('priority', 'integer')
    .addColumn('assignee_id', 'integer', (c) => ref('users', 'set null')(c))
    .addColumn('assignee_agent_bot_id', 'integer', (c) => ref('agent_bots', 'set null')(c))
    .addColumn('team_id', 'integer', (c) => ref('teams', 'set null')(c))
    .addColumn('contact_id', 'integer', (c) => ref('contacts')(c.notNull()))
    .addColumn('contact_inbox_id', 'integer', (c) => ref('contact_inboxes', 'set null')(c))
    .addColumn('campaign_id', 'integer')
    .addColumn('identifier', 'text')
    .addColumn('additional_attributes', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('custom_attributes', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('cached_label_list', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_last_seen_at', 'bigint')
    .addColumn('agent_last_seen_at', 'bigint')
    .addColumn('assignee_last_seen_at', 'bigint')
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('waiting_since', 'bigint')
    .addColumn('first_reply_created_at', 'bigint')
    .addColumn('snoozed_until', 'bigint')
    .addColumn('muted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('sla_policy_id', 'integer'));
  await index('conversations_account_display_unique', 'conversations', ['account_id', 'display_id'], true);
  await index('conversations_uuid_unique', 'conversations', ['uuid'], true);
  await index('conversations_account_status_activity', 'conversations', ['account_id', 'status', 'last_activity_at']);
  await index('conversations_account_assignee_status', 'conversations', ['account_id', 'assignee_id', 'status']);
  await index('conversations_inbox_status', 'conversations', ['inbox_id', 'status', 'last_activity_at']);
  await index('conversations_team_status', 'conversations', ['team_id', 'status']);
  await index('conversations_contact', 'conversations', ['contact_id']);
  await index('conversations_contact_inbox', 'conversations', ['contact_inbox_id']);

  await table('messages', (t) => t
    .addColumn('account_id', 'integer', (c) => ref('accounts')(c.notNull()))
    .addColumn('inbox_id', 'integer', (c) => ref('inboxes')(c.notNull()))
    .addColumn('conversation_id', 'integer', (c) => ref('conversations')(c.notNull()))
    .addColumn('message_type', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('content', 'text')
    .addColumn('content_attributes', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('private', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source_id', 'text')
    .addColumn('echo_id', 'text')
    .addColumn('sender_type', 'text')
    .addColumn('sender_id', 'integer')
    .addColumn('external_source_ids', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('additional_attributes', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('processed_message_content', 'text')
    .addColumn('sentiment', json, (c) => c.notNull().defaultTo(emptyObject)));
  await index('messages_conversation_id', 'messages', ['conversation_id', 'id']);
  await index('messages_account_created', 'messages', ['account_id', 'created_at']);
  await index('messages_sender', 'messages', ['sender_type', 'sender_id']);
  // A retried delivery with the same external id cannot create a second message.
  await index('messages_conversation_source_unique', 'messages', ['conversation_id', 'source_id'], true);
  await index('messages_conversation_echo_unique', 'messages', ['conversation_id', 'echo_id'], true);

  await table('attachments', (t) => t
    .addColumn('account_id', 'integer', (c) => ref('accounts')(c.notNull()))
    .addColumn('message_id', 'integer', (c) => ref('messages')(c.notNull()))
    .addColumn('file_type', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('external_url', 'text')
    .addColumn('coordinates_lat', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('coordinates_long', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('fallback_title', 'text')
    .addColumn('extension', 'text')
    .addColumn('meta', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('storage_key', 'text')
    .addColumn('filename', 'text')
    .addColumn('content_type', 'text')
    .addColumn('byte_size', 'bigint')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer'));
  await index('attachments_message', 'attachments', ['message_id']);

  await table('labels', (t) => t
    .addColumn('account_id', 'integer', (c) => ref('accounts')(c.notNull()))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('color', 'text', (c) => c.notNull().defaultTo('#1f93ff'))
    .addColumn('show_on_sidebar', 'boolean', (c) => c.notNull().defaultTo(false)));
  await index('labels_account_title_unique', 'labels', ['account_id', 'title'], true);

  await db.schema.createTable('tags')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('taggings_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await index('tags_name_unique', 'tags', ['name'], true);

  await table('taggings', (t) => t
    .addColumn('account_id', 'integer', (c) => ref('accounts')(c.notNull()))
    .addColumn('tag_id', 'integer', (c) => ref('tags')(c.notNull()))
    .addColumn('taggable_type', 'text', (c) => c.notNull())
    .addColumn('taggable_id', 'integer', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull().defaultTo('labels')), false);
  await index('taggings_unique', 'taggings', ['taggable_type', 'taggable_id', 'context', 'tag_id'], true);
  await index('taggings_account_tag', 'taggings', ['account_id', 'taggable_type', 'tag_id']);

  await table('events', (t) => t
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('account_id', 'integer')
    .addColumn('conversation_id', 'integer')
    .addColumn('payload', json, (c) => c.notNull().defaultTo(emptyObject))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('dispatched_at', 'bigint'), false);
  await index('events_pending', 'events', ['dispatched_at', 'id']);

  await table('idempotency_keys', (t) => t
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('request_digest', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('response_content_type', 'text'), false);
  await index('idempotency_keys_scope_key_unique', 'idempotency_keys', ['scope', 'key'], true);
  await index('idempotency_keys_created', 'idempotency_keys', ['created_at']);
}
