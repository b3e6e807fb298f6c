import { Type, type Static } from '@sinclair/typebox';
import { enumName, SENDER_NAME_TYPES } from '../../common/enums.js';
import type { ChannelApiRow, ChannelWebWidgetRow, InboxRow, WorkingHourRow } from '../db/schema.js';
import { apiChannelKeys } from './channel-api.presenter.js';
import { webWidgetKeys } from './channel-web-widget.presenter.js';
import { inWireOrder } from './wire-order.js';
import { presentWorkingHours, WorkingHourJson } from './working-hours.presenter.js';

/** Display names of channel types (Chatwoot's `inbox.channel.name`). */
export const CHANNEL_NAMES: Record<string, string> = {
  'Channel::Api': 'API',
  'Channel::WebWidget': 'Website',
  'Channel::Email': 'Email',
  'Channel::Sms': 'Sms',
  'Channel::TwilioSms': 'Twilio SMS',
  'Channel::Whatsapp': 'Whatsapp',
  'Channel::Telegram': 'Telegram',
  'Channel::Line': 'LINE',
};

/** The inbox inside a contact inbox (`{id, avatar_url, channel_id, name, channel_type, provider}`). */
export const InboxSlimJson = Type.Object({
  id: Type.Integer(),
  avatar_url: Type.String(),
  channel_id: Type.Integer(),
  name: Type.String(),
  channel_type: Type.String(),
  provider: Type.Union([Type.String(), Type.Null()]),
});

/** Slim inbox shape. */
export function presentInboxSlim(row: InboxRow): Static<typeof InboxSlimJson> {
  return {
    id: row.id,
    avatar_url: row.avatar_url ?? '',
    channel_id: row.channel_id,
    name: row.name,
    channel_type: row.channel_type,
    provider: null,
  };
}

const NullableString = Type.Union([Type.String(), Type.Null()]);
const AnyObject = Type.Object({}, { additionalProperties: true });

/** The full inbox (`api/v1/models/_inbox.json.jbuilder`), keys in view order; the schema order is the wire order. */
export const InboxJson = inWireOrder(Type.Object({
  id: Type.Integer(), avatar_url: Type.String(), channel_id: Type.Integer(), name: Type.String(), channel_type: Type.String(),
  greeting_enabled: Type.Boolean(), greeting_message: NullableString, working_hours_enabled: Type.Boolean(),
  enable_email_collect: Type.Boolean(), csat_survey_enabled: Type.Boolean(), csat_config: AnyObject,
  enable_auto_assignment: Type.Boolean(), auto_assignment_config: AnyObject, out_of_office_message: NullableString,
  working_hours: Type.Array(WorkingHourJson), timezone: Type.String(), callback_webhook_url: NullableString,
  allow_messages_after_resolved: Type.Boolean(), lock_to_single_conversation: Type.Boolean(),
  sender_name_type: Type.String(), business_name: NullableString,
  help_center: Type.Optional(Type.Object({ name: Type.String(), slug: Type.String() })),
  // Present on every inbox, null where the channel has no such attribute.
  allowed_domains: NullableString, widget_color: NullableString, website_url: NullableString,
  hmac_mandatory: Type.Union([Type.Boolean(), Type.Null()]), welcome_title: NullableString, welcome_tagline: NullableString,
  web_widget_script: NullableString, website_token: NullableString,
  selected_feature_flags: Type.Union([Type.Array(Type.String()), Type.Null()]), reply_time: NullableString,
  // Website channel only.
  pre_chat_form_enabled: Type.Optional(Type.Boolean()), pre_chat_form_options: Type.Optional(AnyObject),
  continuity_via_email: Type.Optional(Type.Boolean()),
  messaging_service_sid: NullableString, phone_number: NullableString,
  // hmac_token (API and website channels) and secret (API) only for administrators. Chatwoot writes a website
  // channel's hmac_token before pre_chat_form_enabled; one schema order serves both channel kinds, so it comes here.
  hmac_token: Type.Optional(Type.String()), secret: Type.Optional(Type.String()), webhook_url: Type.Optional(NullableString),
  inbox_identifier: Type.Optional(Type.String()), additional_attributes: Type.Optional(AnyObject),
  provider: NullableString,
}));

export type InboxView = Static<typeof InboxJson>;

/**
 * Full inbox shape. `channel` is the inbox's channel row (API or website channel);
 * `workingHours` its seven schedule rows; `frontendUrl` goes into a website inbox's embed script;
 * `showSecrets` is true for administrators, who also see hmac_token and secret.
 */
export function presentInbox(
  row: InboxRow, channel: ChannelApiRow | ChannelWebWidgetRow | null, workingHours: WorkingHourRow[], showSecrets: boolean, frontendUrl = '',
): InboxView {
  return {
    id: row.id, avatar_url: row.avatar_url ?? '', channel_id: row.channel_id, name: row.name, channel_type: row.channel_type,
    greeting_enabled: row.greeting_enabled, greeting_message: row.greeting_message, working_hours_enabled: row.working_hours_enabled,
    enable_email_collect: row.enable_email_collect, csat_survey_enabled: row.csat_survey_enabled, csat_config: row.csat_config,
    enable_auto_assignment: row.enable_auto_assignment, auto_assignment_config: row.auto_assignment_config,
    out_of_office_message: row.out_of_office_message, working_hours: presentWorkingHours(workingHours), timezone: row.timezone,
    callback_webhook_url: null, allow_messages_after_resolved: row.allow_messages_after_resolved,
    lock_to_single_conversation: row.lock_to_single_conversation,
    sender_name_type: enumName(SENDER_NAME_TYPES, row.sender_name_type) ?? 'friendly', business_name: row.business_name,
    allowed_domains: null, widget_color: null, website_url: null, hmac_mandatory: null, welcome_title: null,
    welcome_tagline: null, web_widget_script: null, website_token: null, selected_feature_flags: null, reply_time: null,
    messaging_service_sid: null, phone_number: null,
    ...(channel && row.channel_type === 'Channel::Api' ? apiChannelKeys(channel as ChannelApiRow, showSecrets) : {}),
    ...(channel && row.channel_type === 'Channel::WebWidget' ? webWidgetKeys(channel as ChannelWebWidgetRow, showSecrets, frontendUrl) : {}),
    provider: null,
  };
}
