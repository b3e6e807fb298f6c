import { randomBytes } from 'node:crypto';
import { defaultWorkingDays } from '../../common/working-hours.js';
import type { Executor } from '../db/dialect.js';
import type {
  AccountRow, AgentBotRow, ChannelApiRow, ChannelWebWidgetRow, ContactInboxRow, ContactRow, ConversationRow, InboxRow, MessageRow, UserRow,
} from '../db/schema.js';
import type { Env } from '../env.js';
import { now } from '../lib/clock.js';
import { randomToken, uuid } from '../lib/tokens.js';
import { issueAccessToken } from '../operations/access-tokens/issue-access-token.js';
import { accountRepository } from '../repositories/account.repository.js';
import { platformAppRepository } from '../repositories/platform-app.repository.js';
import { workingHourRepository } from '../repositories/working-hour.repository.js';

/**
 * Test factories: each creates what it needs that was not given, takes overrides,
 * and returns rows. They write rows directly, so they work whatever the API does.
 */
let sequence = 0;
const unique = () => `${++sequence}-${randomBytes(3).toString('hex')}`;
const stamps = () => ({ created_at: now(), updated_at: now() });

export function buildAccount(db: Executor, overrides: Partial<AccountRow> = {}): Promise<AccountRow> {
  return db.insertInto('accounts').values({
    name: `Account ${unique()}`, locale: 'en', domain: null, support_email: null, status: 0, auto_resolve_duration: null,
    limits: {}, custom_attributes: {}, settings: {}, features: {}, last_conversation_display_id: 0, ...stamps(), ...overrides,
  }).returningAll().executeTakeFirstOrThrow();
}

export interface BuiltUser {
  user: UserRow;
  token: string;
}

/** A user who is a member of `account` with `role` (agent by default), with an access token. */
export async function buildAgent(db: Executor, env: Env, options: { account?: AccountRow; role?: 'agent' | 'administrator'; user?: Partial<UserRow> } = {}): Promise<BuiltUser & { account: AccountRow }> {
  const account = options.account ?? (await buildAccount(db));
  const email = `agent-${unique()}@example.com`;
  const user = await db.insertInto('users').values({
    provider: 'email', uid: email, encrypted_password: '', name: `Agent ${unique()}`, display_name: null, email,
    pubsub_token: randomToken(), availability: 0, ui_settings: {}, custom_attributes: {}, type: null,
    message_signature: null, avatar_url: null, confirmed_at: now(), ...stamps(), ...options.user,
  }).returningAll().executeTakeFirstOrThrow();
  await db.insertInto('account_users').values({
    account_id: account.id, user_id: user.id, role: options.role === 'administrator' ? 1 : 0, inviter_id: null,
    active_at: now(), availability: 0, auto_offline: true, ...stamps(),
  }).execute();
  const token = await issueAccessToken(db, env, 'User', user.id);
  return { user, token, account };
}

/** An administrator of a new (or the given) account. */
export function buildAdmin(db: Executor, env: Env, account?: AccountRow): Promise<BuiltUser & { account: AccountRow }> {
  return buildAgent(db, env, { account, role: 'administrator' });
}

/** An API-channel inbox with its channel row. */
export async function buildInbox(db: Executor, options: { account: AccountRow; inbox?: Partial<InboxRow>; channel?: Partial<ChannelApiRow> }): Promise<{ inbox: InboxRow; channel: ChannelApiRow }> {
  const channel = await db.insertInto('channel_api').values({
    account_id: options.account.id, webhook_url: null, identifier: randomToken(), hmac_token: randomToken(),
    hmac_mandatory: false, additional_attributes: {}, secret: randomToken(), ...stamps(), ...options.channel,
  }).returningAll().executeTakeFirstOrThrow();
  const inbox = await db.insertInto('inboxes').values({
    account_id: options.account.id, channel_id: channel.id, channel_type: 'Channel::Api', name: `Inbox ${unique()}`,
    enable_auto_assignment: true, greeting_enabled: false, greeting_message: null, email_address: null,
    working_hours_enabled: false, out_of_office_message: null, timezone: 'UTC', enable_email_collect: true,
    csat_survey_enabled: false, allow_messages_after_resolved: true, auto_assignment_config: {},
    lock_to_single_conversation: false, portal_id: null, sender_name_type: 0, business_name: null, csat_config: {},
    avatar_url: null, ...stamps(), ...options.inbox,
  }).returningAll().executeTakeFirstOrThrow();
  await workingHourRepository.insertMany(db, inbox.account_id, inbox.id, defaultWorkingDays());
  return { inbox, channel };
}

/** A website (web widget) inbox with its channel row. */
export async function buildWebWidgetInbox(db: Executor, options: { account: AccountRow; inbox?: Partial<InboxRow>; channel?: Partial<ChannelWebWidgetRow> }): Promise<{ inbox: InboxRow; channel: ChannelWebWidgetRow }> {
  const channel = await db.insertInto('channel_web_widgets').values({
    account_id: options.account.id, website_url: 'https://shop.example', website_token: randomToken(), widget_color: '#1f93ff',
    welcome_title: null, welcome_tagline: null, feature_flags: 7, reply_time: 0, hmac_token: randomToken(), hmac_mandatory: false,
    pre_chat_form_enabled: false, pre_chat_form_options: {}, continuity_via_email: true, allowed_domains: '', ...stamps(), ...options.channel,
  }).returningAll().executeTakeFirstOrThrow();
  const { inbox } = await buildInbox(db, { account: options.account, inbox: { channel_type: 'Channel::WebWidget', ...options.inbox } });
  const updated = await db.updateTable('inboxes').set({ channel_id: channel.id }).where('id', '=', inbox.id).returningAll().executeTakeFirstOrThrow();
  return { inbox: updated, channel };
}

/** Makes `userId` a member of the inbox. */
export async function addInboxMember(db: Executor, inboxId: number, userId: number): Promise<void> {
  await db.insertInto('inbox_members').values({ inbox_id: inboxId, user_id: userId, ...stamps() }).execute();
}

export function buildContact(db: Executor, options: { account: AccountRow; contact?: Partial<ContactRow> }): Promise<ContactRow> {
  return db.insertInto('contacts').values({
    account_id: options.account.id, name: `Contact ${unique()}`, middle_name: '', last_name: '',
    email: `contact-${unique()}@example.com`, phone_number: null, identifier: null, additional_attributes: {},
    custom_attributes: {}, last_activity_at: null, contact_type: 1, location: '', country_code: '', blocked: false,
    avatar_url: null, ...stamps(), ...options.contact,
  }).returningAll().executeTakeFirstOrThrow();
}

export function buildContactInbox(db: Executor, options: { contact: ContactRow; inbox: InboxRow; sourceId?: string }): Promise<ContactInboxRow> {
  return db.insertInto('contact_inboxes').values({
    contact_id: options.contact.id, inbox_id: options.inbox.id, source_id: options.sourceId ?? uuid(),
    hmac_verified: false, pubsub_token: randomToken(), ...stamps(),
  }).returningAll().executeTakeFirstOrThrow();
}

/** A conversation with its contact, contact inbox and inbox made as needed; display_id from the account's counter. */
export async function buildConversation(db: Executor, options: {
  account: AccountRow; inbox?: InboxRow; contact?: ContactRow; conversation?: Partial<ConversationRow>;
}): Promise<ConversationRow> {
  const inbox = options.inbox ?? (await buildInbox(db, { account: options.account })).inbox;
  const contact = options.contact ?? (await buildContact(db, { account: options.account }));
  const contactInbox = await buildContactInbox(db, { contact, inbox });
  const displayId = await accountRepository.nextConversationDisplayId(db, options.account.id);
  const at = now();
  return db.insertInto('conversations').values({
    account_id: options.account.id, inbox_id: inbox.id, display_id: displayId, uuid: uuid(), status: 0, priority: null,
    assignee_id: null, assignee_agent_bot_id: null, team_id: null, contact_id: contact.id, contact_inbox_id: contactInbox.id,
    campaign_id: null, identifier: null, additional_attributes: {}, custom_attributes: {}, cached_label_list: '',
    contact_last_seen_at: null, agent_last_seen_at: null, assignee_last_seen_at: null, last_activity_at: at,
    waiting_since: at, first_reply_created_at: null, snoozed_until: null, muted: false, sla_policy_id: null,
    created_at: at, updated_at: at, ...options.conversation,
  }).returningAll().executeTakeFirstOrThrow();
}

/** A message in the conversation; incoming from its contact unless overridden. */
export function buildMessage(db: Executor, options: { conversation: ConversationRow; message?: Partial<MessageRow> }): Promise<MessageRow> {
  const c = options.conversation;
  return db.insertInto('messages').values({
    account_id: c.account_id, inbox_id: c.inbox_id, conversation_id: c.id, message_type: 0, content_type: 0,
    content: `Message ${unique()}`, content_attributes: {}, private: false, status: 0, source_id: null, echo_id: null,
    sender_type: 'Contact', sender_id: c.contact_id, external_source_ids: {}, additional_attributes: {},
    processed_message_content: null, sentiment: {}, ...stamps(), ...options.message,
  }).returningAll().executeTakeFirstOrThrow();
}

/** A platform app and its API token. */
export async function buildPlatformApp(db: Executor, env: Env): Promise<{ id: number; token: string }> {
  const app = await platformAppRepository.insert(db, `Platform ${unique()}`);
  return { id: app.id, token: await issueAccessToken(db, env, 'PlatformApp', app.id) };
}

/** An agent bot of the account (or global), with its access token. */
export async function buildAgentBot(db: Executor, env: Env, options: { account?: AccountRow | null; bot?: Partial<AgentBotRow> } = {}): Promise<{ bot: AgentBotRow; token: string }> {
  const bot = await db.insertInto('agent_bots').values({
    account_id: options.account?.id ?? null, name: `Bot ${unique()}`, description: null, outgoing_url: null, bot_type: 0,
    bot_config: {}, secret: randomToken(), avatar_url: null, ...stamps(), ...options.bot,
  }).returningAll().executeTakeFirstOrThrow();
  return { bot, token: await issueAccessToken(db, env, 'AgentBot', bot.id) };
}
