import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';
import { migrationKit } from './kit.js';

/** Issue 9: the website live-chat channel and the answers to CSAT surveys. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const json = pg ? sql`jsonb` : sql`text`;

  const { table } = migrationKit(db);

  await table('channel_web_widgets', (t) => t
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('website_url', 'text', (c) => c.notNull())
    .addColumn('website_token', 'text', (c) => c.notNull())
    .addColumn('widget_color', 'text', (c) => c.notNull().defaultTo('#1f93ff'))
    .addColumn('welcome_title', 'text')
    .addColumn('welcome_tagline', 'text')
    .addColumn('feature_flags', 'integer', (c) => c.notNull().defaultTo(7))
    .addColumn('reply_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hmac_token', 'text', (c) => c.notNull())
    .addColumn('hmac_mandatory', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('pre_chat_form_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('pre_chat_form_options', json, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('continuity_via_email', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('allowed_domains', 'text', (c) => c.notNull().defaultTo('')));
  await db.schema.createIndex('channel_web_widgets_website_token_unique').on('channel_web_widgets').column('website_token').unique().execute();
  await db.schema.createIndex('channel_web_widgets_hmac_token_unique').on('channel_web_widgets').column('hmac_token').unique().execute();

  await table('csat_survey_responses', (t) => t
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('conversation_id', 'integer', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('feedback_message', 'text')
    .addColumn('contact_id', 'integer', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('assigned_agent_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('csat_review_notes', 'text')
    .addColumn('review_notes_updated_at', 'bigint')
    .addColumn('review_notes_updated_by_id', 'integer', (c) => c.references('users.id').onDelete('set null')));
  await db.schema.createIndex('csat_survey_responses_message_unique').on('csat_survey_responses').column('message_id').unique().execute();
  await db.schema.createIndex('csat_survey_responses_account').on('csat_survey_responses').column('account_id').execute();
  await db.schema.createIndex('csat_survey_responses_conversation').on('csat_survey_responses').column('conversation_id').execute();
}
