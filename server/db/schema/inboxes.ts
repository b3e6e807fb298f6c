import type { Generated } from 'kysely';
import type { Json, Ms } from './types.js';

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

/** One day of an inbox's weekly schedule; every inbox has seven (day_of_week 0 = Sunday … 6). */
export interface WorkingHoursTable {
  id: Generated<number>;
  account_id: number;
  inbox_id: number;
  day_of_week: number;
  closed_all_day: boolean;
  open_hour: number | null;
  open_minutes: number | null;
  close_hour: number | null;
  close_minutes: number | null;
  open_all_day: boolean;
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
  /** The secret before the last reset, still signing callbacks until previous_secret_expires_at. */
  previous_secret: Generated<string | null>;
  previous_secret_expires_at: Generated<Ms | null>;
  /** The first failed attempt of the current failure streak of its deliveries; null once an attempt succeeds. */
  failing_since: Generated<Ms | null>;
  /** When the administrators were told the streak had lasted WEBHOOK_DISABLE_AFTER_SECONDS (once per streak). */
  failing_notified_at: Generated<Ms | null>;
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
  /** The secret before the last reset, still signing deliveries until previous_secret_expires_at. */
  previous_secret: Generated<string | null>;
  previous_secret_expires_at: Generated<Ms | null>;
  avatar_url: string | null;
  /** The first failed attempt of the current failure streak of its deliveries; null once an attempt succeeds. */
  failing_since: Generated<Ms | null>;
  /** When the administrators were told the streak had lasted WEBHOOK_DISABLE_AFTER_SECONDS (once per streak). */
  failing_notified_at: Generated<Ms | null>;
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

/** Inboxes and their channels, members, teams and bots. */
export interface InboxesTables {
  inboxes: InboxesTable;
  working_hours: WorkingHoursTable;
  channel_api: ChannelApiTable;
  inbox_members: InboxMembersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  agent_bots: AgentBotsTable;
  agent_bot_inboxes: AgentBotInboxesTable;
}
