import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The Kysely `Database` interface: table and column names are Chatwoot's.
 * Timestamps are epoch milliseconds (bigint), enums are integers, JSON columns hold
 * objects (jsonb on PostgreSQL, text on SQLite, parsed by db/values-plugin.ts).
 */
type Json = Record<string, unknown>;
type Ms = number;

export interface AccountsTable {
  id: Generated<number>;
  name: string;
  locale: string;
  domain: string | null;
  support_email: string | null;
  status: number;
  auto_resolve_duration: number | null;
  limits: Json;
  custom_attributes: Json;
  settings: Json;
  features: Json;
  /** Last conversation display_id handed out; bumped under the row lock, so no gaps. */
  last_conversation_display_id: number;
  created_at: Ms;
  updated_at: Ms;
}

export interface UsersTable {
  id: Generated<number>;
  provider: string;
  uid: string;
  encrypted_password: string;
  name: string;
  display_name: string | null;
  email: string;
  pubsub_token: string;
  availability: number;
  ui_settings: Json;
  custom_attributes: Json;
  type: string | null;
  message_signature: string | null;
  avatar_url: string | null;
  confirmed_at: Ms | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface AccountUsersTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  role: number;
  inviter_id: number | null;
  active_at: Ms | null;
  availability: number;
  auto_offline: boolean;
  created_at: Ms;
  updated_at: Ms;
}

export interface AccessTokensTable {
  id: Generated<number>;
  owner_type: 'User' | 'AgentBot' | 'PlatformApp';
  owner_id: number;
  /** SHA-256 hex of the token: the lookup key. */
  token_digest: string;
  /** The token encrypted with SECRET_KEY_BASE, so profile and bot views can show it again. */
  token_ciphertext: string;
  created_at: Ms;
  updated_at: Ms;
}

export interface PlatformAppsTable {
  id: Generated<number>;
  name: string;
  created_at: Ms;
  updated_at: Ms;
}

export interface PlatformAppPermissiblesTable {
  id: Generated<number>;
  platform_app_id: number;
  permissible_type: 'Account' | 'User' | 'AgentBot';
  permissible_id: number;
  created_at: Ms;
  updated_at: Ms;
}

export interface InboxesTable {
  id: Generated<number>;
  account_id: number;
  channel_id: number;
  channel_type: string;
  name: string;
  enable_auto_assignment: boolean;
  greeting_enabled: boolean;
  greeting_message: string | null;
  email_address: string | null;
  working_hours_enabled: boolean;
  out_of_office_message: string | null;
  timezone: string;
  enable_email_collect: boolean;
  csat_survey_enabled: boolean;
  allow_messages_after_resolved: boolean;
  auto_assignment_config: Json;
  lock_to_single_conversation: boolean;
  portal_id: number | null;
  sender_name_type: number;
  business_name: string | null;
  csat_config: Json;
  avatar_url: string | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface ChannelApiTable {
  id: Generated<number>;
  account_id: number;
  webhook_url: string | null;
  identifier: string;
  hmac_token: string;
  hmac_mandatory: boolean;
  additional_attributes: Json;
  secret: string;
  created_at: Ms;
  updated_at: Ms;
}

export interface InboxMembersTable {
  id: Generated<number>;
  inbox_id: number;
  user_id: number;
  created_at: Ms;
  updated_at: Ms;
}

export interface TeamsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  description: string | null;
  allow_auto_assign: boolean;
  created_at: Ms;
  updated_at: Ms;
}

export interface TeamMembersTable {
  id: Generated<number>;
  team_id: number;
  user_id: number;
  created_at: Ms;
  updated_at: Ms;
}

export interface AgentBotsTable {
  id: Generated<number>;
  /** null for a global (platform) bot. */
  account_id: number | null;
  name: string;
  description: string | null;
  outgoing_url: string | null;
  bot_type: number;
  bot_config: Json;
  secret: string;
  avatar_url: string | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface AgentBotInboxesTable {
  id: Generated<number>;
  account_id: number;
  inbox_id: number;
  agent_bot_id: number;
  status: number;
  created_at: Ms;
  updated_at: Ms;
}

export interface ContactsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  middle_name: string;
  last_name: string;
  email: string | null;
  phone_number: string | null;
  identifier: string | null;
  additional_attributes: Json;
  custom_attributes: Json;
  last_activity_at: Ms | null;
  contact_type: number;
  location: string;
  country_code: string;
  blocked: boolean;
  avatar_url: string | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface ContactInboxesTable {
  id: Generated<number>;
  contact_id: number;
  inbox_id: number;
  source_id: string;
  hmac_verified: boolean;
  pubsub_token: string;
  created_at: Ms;
  updated_at: Ms;
}

export interface ConversationsTable {
  id: Generated<number>;
  account_id: number;
  inbox_id: number;
  display_id: number;
  uuid: string;
  status: number;
  priority: number | null;
  assignee_id: number | null;
  assignee_agent_bot_id: number | null;
  team_id: number | null;
  contact_id: number;
  contact_inbox_id: number | null;
  campaign_id: number | null;
  identifier: string | null;
  additional_attributes: Json;
  custom_attributes: Json;
  cached_label_list: string;
  contact_last_seen_at: Ms | null;
  agent_last_seen_at: Ms | null;
  assignee_last_seen_at: Ms | null;
  last_activity_at: Ms;
  waiting_since: Ms | null;
  first_reply_created_at: Ms | null;
  snoozed_until: Ms | null;
  muted: boolean;
  sla_policy_id: number | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface MessagesTable {
  id: Generated<number>;
  account_id: number;
  inbox_id: number;
  conversation_id: number;
  message_type: number;
  content_type: number;
  content: string | null;
  content_attributes: Json;
  private: boolean;
  status: number;
  source_id: string | null;
  echo_id: string | null;
  sender_type: 'User' | 'Contact' | 'AgentBot' | null;
  sender_id: number | null;
  external_source_ids: Json;
  additional_attributes: Json;
  processed_message_content: string | null;
  sentiment: Json;
  created_at: Ms;
  updated_at: Ms;
}

export interface AttachmentsTable {
  id: Generated<number>;
  account_id: number;
  message_id: number;
  file_type: number;
  external_url: string | null;
  coordinates_lat: number;
  coordinates_long: number;
  fallback_title: string | null;
  extension: string | null;
  meta: Json;
  /** Path under STORAGE_DIR, null for external or location attachments. */
  storage_key: string | null;
  filename: string | null;
  content_type: string | null;
  byte_size: number | null;
  width: number | null;
  height: number | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface LabelsTable {
  id: Generated<number>;
  account_id: number;
  title: string;
  description: string | null;
  color: string;
  show_on_sidebar: boolean;
  created_at: Ms;
  updated_at: Ms;
}

export interface TagsTable {
  id: Generated<number>;
  name: string;
  taggings_count: number;
}

export interface TaggingsTable {
  id: Generated<number>;
  account_id: number;
  tag_id: number;
  taggable_type: 'Conversation' | 'Contact';
  taggable_id: number;
  context: string;
  created_at: Ms;
}

export interface EventsTable {
  id: Generated<number>;
  name: string;
  account_id: number | null;
  /** The conversation's DB id when the event concerns one; events of one conversation are delivered in order. */
  conversation_id: number | null;
  payload: Json;
  attempts: number;
  last_error: string | null;
  created_at: Ms;
  dispatched_at: Ms | null;
}

export interface IdempotencyKeysTable {
  id: Generated<number>;
  /** Who sent it: `<owner_type>:<owner_id>`, so keys of different callers never meet. */
  scope: string;
  key: string;
  method: string;
  path: string;
  request_digest: string;
  /** null while the first request is still in flight. */
  response_status: number | null;
  response_body: string | null;
  response_content_type: string | null;
  created_at: Ms;
}

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: Json;
  /** waiting (never started) | retrying | running | dead. Finished jobs are deleted. */
  state: 'waiting' | 'retrying' | 'running' | 'dead';
  attempts: number;
  max_attempts: number;
  run_at: Ms;
  /** A running job's lease; past it, a crashed worker's job is taken again. */
  locked_until: Ms | null;
  dedupe_key: string | null;
  last_error: string | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface WebhooksTable {
  id: Generated<number>;
  account_id: number;
  inbox_id: number | null;
  url: string;
  /** account_type 0, inbox_type 1. */
  webhook_type: number;
  subscriptions: string[];
  name: string | null;
  secret: string;
  created_at: Ms;
  updated_at: Ms;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  /** The `X-Chatwoot-Delivery` id, stable across retries. */
  delivery_id: string;
  account_id: number;
  target_type: 'Webhook' | 'Channel::Api' | 'AgentBot';
  target_id: number;
  /** The outbox event it came from (one delivery per event and target). */
  event_id: number | null;
  event: string;
  /** Deliveries of one group (target + conversation or contact) go out in id order. */
  group_key: string;
  /** The raw JSON body, signed and sent as is on every attempt. */
  body: string;
  status: 'pending' | 'sending' | 'succeeded' | 'failed' | 'dead';
  attempts: number;
  response_code: number | null;
  latency_ms: number | null;
  last_error: string | null;
  locked_until: Ms | null;
  delivered_at: Ms | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface Database {
  accounts: AccountsTable;
  users: UsersTable;
  account_users: AccountUsersTable;
  access_tokens: AccessTokensTable;
  platform_apps: PlatformAppsTable;
  platform_app_permissibles: PlatformAppPermissiblesTable;
  inboxes: InboxesTable;
  channel_api: ChannelApiTable;
  inbox_members: InboxMembersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  agent_bots: AgentBotsTable;
  agent_bot_inboxes: AgentBotInboxesTable;
  contacts: ContactsTable;
  contact_inboxes: ContactInboxesTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  labels: LabelsTable;
  tags: TagsTable;
  taggings: TaggingsTable;
  events: EventsTable;
  idempotency_keys: IdempotencyKeysTable;
  jobs: JobsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

/** Columns stored as JSON; SQLite returns them as text and values-plugin parses them. */
export const JSON_COLUMNS: ReadonlySet<string> = new Set([
  'limits', 'custom_attributes', 'settings', 'features', 'ui_settings', 'auto_assignment_config', 'csat_config',
  'additional_attributes', 'bot_config', 'content_attributes', 'external_source_ids', 'sentiment', 'meta', 'payload',
  'subscriptions',
]);

/** Columns stored as booleans; SQLite returns them as 0/1 and values-plugin turns them back. */
export const BOOLEAN_COLUMNS: ReadonlySet<string> = new Set([
  'auto_offline', 'enable_auto_assignment', 'greeting_enabled', 'working_hours_enabled', 'enable_email_collect',
  'csat_survey_enabled', 'allow_messages_after_resolved', 'lock_to_single_conversation', 'hmac_mandatory',
  'allow_auto_assign', 'blocked', 'hmac_verified', 'muted', 'private', 'show_on_sidebar',
]);

export type AccountRow = Selectable<AccountsTable>;
export type UserRow = Selectable<UsersTable>;
export type AccountUserRow = Selectable<AccountUsersTable>;
export type AccessTokenRow = Selectable<AccessTokensTable>;
export type PlatformAppRow = Selectable<PlatformAppsTable>;
export type InboxRow = Selectable<InboxesTable>;
export type ChannelApiRow = Selectable<ChannelApiTable>;
export type TeamRow = Selectable<TeamsTable>;
export type AgentBotRow = Selectable<AgentBotsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type ContactInboxRow = Selectable<ContactInboxesTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type LabelRow = Selectable<LabelsTable>;
export type EventRow = Selectable<EventsTable>;
export type JobRow = Selectable<JobsTable>;
export type WebhookRow = Selectable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type NewContact = Insertable<ContactsTable>;
export type ContactUpdate = Updateable<ContactsTable>;
export type NewConversation = Insertable<ConversationsTable>;
export type NewMessage = Insertable<MessagesTable>;
