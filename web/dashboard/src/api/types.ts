// Shapes of Parley's (Chatwoot's) Application API, as far as the dashboard reads them.

export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';
export type Priority = 'low' | 'medium' | 'high' | 'urgent' | null;

export interface AccountSummary { id: number; name: string; role: string; status?: string; availability?: string; availability_status?: string; auto_offline?: boolean }
export interface Profile {
  id: number; name: string; display_name: string | null; email: string; available_name: string;
  access_token: string; pubsub_token: string; role: string | null; account_id: number | null;
  availability_status?: string; avatar_url?: string; accounts: AccountSummary[];
}

export interface Contact {
  id: number; name: string | null; email: string | null; phone_number: string | null; identifier: string | null;
  thumbnail?: string; additional_attributes: Record<string, unknown>; custom_attributes: Record<string, unknown>;
  created_at?: number; last_activity_at?: number | null; availability_status?: string; blocked?: boolean;
}

export interface Agent {
  id: number; name: string; available_name: string; email: string; role: string; availability_status?: string;
  confirmed?: boolean; thumbnail?: string; type?: string;
}

export interface Attachment {
  id: number; message_id?: number; file_type: string; data_url: string; thumb_url?: string; file_size?: number;
  extension?: string | null; width?: number | null; height?: number | null;
}

export interface MessageSender { id: number; name?: string; available_name?: string; type?: string; thumbnail?: string }

export interface Message {
  id: number; content: string | null; inbox_id: number; conversation_id: number; message_type: number;
  content_type: string; status: string; content_attributes: Record<string, unknown>; created_at: number; private: boolean;
  source_id?: string | null; echo_id?: string; sender?: MessageSender; attachments?: Attachment[];
  conversation?: { unread_count?: number; last_activity_at?: number; assignee_id?: number | null };
}

export interface Team { id: number; name: string; description?: string | null; allow_auto_assign?: boolean; is_member?: boolean }

export interface Conversation {
  id: number; account_id: number; inbox_id: number; status: ConversationStatus; priority: Priority;
  unread_count: number; labels: string[]; muted?: boolean; timestamp?: number; last_activity_at: number; created_at: number;
  updated_at?: number; snoozed_until?: string | null; can_reply?: boolean; custom_attributes?: Record<string, unknown>;
  additional_attributes?: Record<string, unknown>;
  meta: { sender: Contact; channel?: string | null; assignee?: Agent | null; assignee_type?: string; team?: Team | null };
  messages?: Message[]; last_non_activity_message?: Message | null;
}

export interface ConversationCounts { mine_count: number; unassigned_count: number; assigned_count?: number; all_count: number }

export interface Inbox {
  id: number; name: string; channel_type: string; channel_id?: number; inbox_identifier?: string; hmac_token?: string;
  webhook_url?: string | null; greeting_enabled?: boolean; greeting_message?: string | null; enable_auto_assignment?: boolean;
  hmac_mandatory?: boolean | null; secret?: string; csat_survey_enabled?: boolean; enable_email_collect?: boolean;
  website_url?: string | null; widget_color?: string | null; welcome_title?: string | null; welcome_tagline?: string | null;
  web_widget_script?: string | null; website_token?: string | null; reply_time?: string | null; allowed_domains?: string | null;
  pre_chat_form_enabled?: boolean; pre_chat_form_options?: { pre_chat_message?: string | null; pre_chat_fields?: PreChatField[] };
  selected_feature_flags?: string[] | null;
}

export interface PreChatField { name: string; label: string; enabled: boolean; required: boolean; field_type?: string; type?: string; [key: string]: unknown }

export interface Label { id: number; title: string; description: string | null; color: string; show_on_sidebar: boolean }

export interface Webhook {
  id: number; url: string; subscriptions: string[]; name?: string | null; account_id?: number; secret?: string;
  status?: 'enabled' | 'disabled'; disabled_at?: string | null; previous_secret_expires_at?: string | null;
}

export interface AgentBot { id: number; name: string; description: string | null; outgoing_url: string | null; bot_type?: string; access_token?: string }

export interface Account { id: number; name: string; locale: string; domain?: string | null; support_email?: string | null; auto_resolve_duration?: number | null }

export interface CannedResponse { id: number; account_id: number; short_code: string; content: string }

export interface Note { id: number; content: string; account_id: number; contact_id: number; user?: Agent; created_at: number; updated_at: number }

export interface CustomAttributeDefinition {
  id: number; attribute_display_name: string; attribute_display_type: string; attribute_description: string | null; attribute_key: string;
  attribute_values: unknown[]; attribute_model: string; regex_pattern: string | null; regex_cue: string | null;
}

export interface DataImport {
  id: number; data_type: string; status: string; file_name: string | null; total_records: number | null; processed_records: number | null;
  failed_records_count: number | null; processing_errors: string | null; failed_records_url: string | null;
}

export interface DashboardApp { id: number; title: string; content: Array<{ type: string; url: string }>; created_at: string }

export interface WebhookDelivery {
  id: string; event: string; status: string; attempts: number; response_code: number | null; latency_ms: number | null;
  last_error: string | null; next_attempt_at: string | null; created_at: string; delivered_at: string | null;
}

export interface AppNotification {
  id: number; notification_type: string; push_message_title: string; push_message_body?: string; primary_actor_type: string;
  primary_actor_id: number; primary_actor?: { id?: number; display_id?: number } | null; read_at: string | null; created_at: number;
  last_activity_at?: number; account_id?: number;
}

export interface NotificationSettings { id?: number; user_id?: number; account_id?: number; all_email_flags: string[]; selected_email_flags: string[]; all_push_flags: string[]; selected_push_flags: string[] }
