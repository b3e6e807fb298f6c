import type { Generated } from 'kysely';
import type { Json, Ms } from './types.js';

/** `Channel::WebWidget`: the website live-chat channel. */
export interface ChannelWebWidgetsTable {
  id: Generated<number>;
  account_id: number;
  website_url: string;
  /** The public token the site's snippet carries. */
  website_token: string;
  widget_color: string;
  welcome_title: string | null;
  welcome_tagline: string | null;
  /** Bits: 1 attachments, 2 emoji_picker, 4 end_conversation, 8 use_inbox_avatar_for_bot, 16 allow_mobile_webview. */
  feature_flags: number;
  /** 0 in_a_few_minutes, 1 in_a_few_hours, 2 in_a_day. */
  reply_time: number;
  hmac_token: string;
  hmac_mandatory: boolean;
  pre_chat_form_enabled: boolean;
  pre_chat_form_options: Json;
  continuity_via_email: boolean;
  /** Comma-separated host patterns; empty allows every site. */
  allowed_domains: string;
  created_at: Ms;
  updated_at: Ms;
}

/** A contact's answer to a CSAT survey message. */
export interface CsatSurveyResponsesTable {
  id: Generated<number>;
  account_id: number;
  conversation_id: number;
  message_id: number;
  rating: number;
  feedback_message: string | null;
  contact_id: number;
  assigned_agent_id: number | null;
  csat_review_notes: string | null;
  review_notes_updated_at: Ms | null;
  review_notes_updated_by_id: number | null;
  created_at: Ms;
  updated_at: Ms;
}

/** The website widget channel and CSAT answers. */
export interface WebWidgetsTables {
  channel_web_widgets: ChannelWebWidgetsTable;
  csat_survey_responses: CsatSurveyResponsesTable;
}
