import type { Insertable, Selectable, Updateable } from 'kysely';
import type { AccountsTable, UsersTable, AccountUsersTable, AccessTokensTable, PlatformAppsTable, AccountsTables } from './schema/accounts.js';
import type { InboxesTable, ChannelApiTable, TeamsTable, AgentBotsTable, WorkingHoursTable, InboxesTables } from './schema/inboxes.js';
import type { ContactsTable, ContactInboxesTable, ContactsTables } from './schema/contacts.js';
import type { ConversationsTable, MessagesTable, AttachmentsTable, LabelsTable, ConversationsTables } from './schema/conversations.js';
import type { NotesTable, DataImportsTable, ContactDataTables } from './schema/contact-data.js';
import type { ChannelWebWidgetsTable, CsatSurveyResponsesTable, WebWidgetsTables } from './schema/web-widgets.js';
import type { CustomAttributeDefinitionsTable, CustomAttributesTables } from './schema/custom-attributes.js';
import type { EventsTable, JobsTable, WebhooksTable, WebhookDeliveriesTable, InfrastructureTables } from './schema/infrastructure.js';
import type { ConversationParticipantsTable, MentionsTable, NotificationsTable, NotificationSettingsTable, CollaborationTables } from './schema/collaboration.js';
import type { CannedResponsesTable, CannedResponsesTables } from './schema/canned-responses.js';
import type { UserSessionsTable, CustomRolesTable, AuditsTable, AuthTables } from './schema/auth.js';
import type { DashboardAppsTable, DashboardAppsTables } from './schema/dashboard-apps.js';

export type * from './schema/accounts.js';
export type * from './schema/inboxes.js';
export type * from './schema/contacts.js';
export type * from './schema/conversations.js';
export type * from './schema/infrastructure.js';
export type * from './schema/contact-data.js';
export type * from './schema/web-widgets.js';
export type * from './schema/collaboration.js';
export type * from './schema/custom-attributes.js';
export type * from './schema/canned-responses.js';
export type * from './schema/auth.js';
export type * from './schema/dashboard-apps.js';

/**
 * The Kysely `Database` interface: table and column names are Chatwoot's. Each domain
 * keeps its tables in `schema/<domain>.ts`; a new domain adds its interface here.
 * Timestamps are epoch milliseconds (bigint), enums are integers, JSON columns hold
 * objects (jsonb on PostgreSQL, text on SQLite, parsed by db/values-dialect.ts).
 */
export interface Database
  extends AccountsTables, InboxesTables, ContactsTables, ConversationsTables, InfrastructureTables, ContactDataTables, WebWidgetsTables, CollaborationTables, CustomAttributesTables, CannedResponsesTables, AuthTables, DashboardAppsTables {}

/** Columns stored as JSON; SQLite returns them as text and values-dialect.ts parses them. */
export const JSON_COLUMNS: ReadonlySet<string> = new Set([
  'limits', 'custom_attributes', 'settings', 'features', 'ui_settings', 'auto_assignment_config', 'csat_config',
  'additional_attributes', 'bot_config', 'content_attributes', 'external_source_ids', 'sentiment', 'meta', 'payload',
  'subscriptions', 'pre_chat_form_options', 'attribute_values', 'permissions', 'audited_changes',
]);

/** Columns stored as booleans; SQLite returns them as 0/1 and values-dialect.ts turns them back. */
export const BOOLEAN_COLUMNS: ReadonlySet<string> = new Set([
  'auto_offline', 'enable_auto_assignment', 'greeting_enabled', 'working_hours_enabled', 'enable_email_collect',
  'csat_survey_enabled', 'allow_messages_after_resolved', 'lock_to_single_conversation', 'hmac_mandatory',
  'allow_auto_assign', 'blocked', 'hmac_verified', 'muted', 'private', 'show_on_sidebar', 'pre_chat_form_enabled',
  'continuity_via_email', 'closed_all_day', 'open_all_day',
]);

export type AccountRow = Selectable<AccountsTable>;
export type UserRow = Selectable<UsersTable>;
export type AccountUserRow = Selectable<AccountUsersTable>;
export type AccessTokenRow = Selectable<AccessTokensTable>;
export type PlatformAppRow = Selectable<PlatformAppsTable>;
export type InboxRow = Selectable<InboxesTable>;
export type WorkingHourRow = Selectable<WorkingHoursTable>;
export type ChannelApiRow = Selectable<ChannelApiTable>;
export type TeamRow = Selectable<TeamsTable>;
export type AgentBotRow = Selectable<AgentBotsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type ContactInboxRow = Selectable<ContactInboxesTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type LabelRow = Selectable<LabelsTable>;
export type ChannelWebWidgetRow = Selectable<ChannelWebWidgetsTable>;
export type CsatSurveyResponseRow = Selectable<CsatSurveyResponsesTable>;
export type EventRow = Selectable<EventsTable>;
export type JobRow = Selectable<JobsTable>;
export type WebhookRow = Selectable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type NoteRow = Selectable<NotesTable>;
export type DataImportRow = Selectable<DataImportsTable>;
export type ConversationParticipantRow = Selectable<ConversationParticipantsTable>;
export type MentionRow = Selectable<MentionsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type NotificationSettingRow = Selectable<NotificationSettingsTable>;
export type CustomAttributeDefinitionRow = Selectable<CustomAttributeDefinitionsTable>;
export type CannedResponseRow = Selectable<CannedResponsesTable>;
export type UserSessionRow = Selectable<UserSessionsTable>;
export type CustomRoleRow = Selectable<CustomRolesTable>;
export type AuditRow = Selectable<AuditsTable>;
export type DashboardAppRow = Selectable<DashboardAppsTable>;
export type NewContact = Insertable<ContactsTable>;
export type ContactUpdate = Updateable<ContactsTable>;
export type NewConversation = Insertable<ConversationsTable>;
export type NewMessage = Insertable<MessagesTable>;
