import type { Generated } from 'kysely';
import type { Json, Ms } from './types.js';

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

/** Conversations, messages, attachments and labels. */
export interface ConversationsTables {
  conversations: ConversationsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  labels: LabelsTable;
  tags: TagsTable;
  taggings: TaggingsTable;
}
