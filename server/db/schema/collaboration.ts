import type { Generated } from 'kysely';
import type { Json, Ms } from './types.js';

export interface ConversationParticipantsTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  conversation_id: number;
  created_at: Ms;
  updated_at: Ms;
}

export interface MentionsTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  conversation_id: number;
  mentioned_at: Ms;
  created_at: Ms;
  updated_at: Ms;
}

export interface NotificationsTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  notification_type: number;
  primary_actor_type: string;
  primary_actor_id: number;
  secondary_actor_type: string | null;
  secondary_actor_id: number | null;
  read_at: Ms | null;
  snoozed_until: Ms | null;
  last_activity_at: Ms;
  meta: Json;
  created_at: Ms;
  updated_at: Ms;
}

export interface NotificationSettingsTable {
  id: Generated<number>;
  account_id: number;
  user_id: number;
  /** Bit n-1 set: email for notification type n (FlagShihTzu's layout). */
  email_flags: number;
  push_flags: number;
  created_at: Ms;
  updated_at: Ms;
}

export interface InboxRoundRobinTable {
  id: Generated<number>;
  account_id: number;
  inbox_id: number;
  user_id: number;
  /** Lowest goes next; a pick moves the member past the highest. */
  position: number;
  created_at: Ms;
  updated_at: Ms;
}

export interface ConsumerReceiptsTable {
  consumer: string;
  event_id: number;
  created_at: Ms;
}

/** Participants, mentions, notifications, round-robin order and consumer receipts. */
export interface CollaborationTables {
  conversation_participants: ConversationParticipantsTable;
  mentions: MentionsTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  inbox_round_robin: InboxRoundRobinTable;
  consumer_receipts: ConsumerReceiptsTable;
}
