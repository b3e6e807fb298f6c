import { enumName, REPLY_TIMES, SENDER_NAME_TYPES } from '../../common/enums.js';
import type { AccountRow, ChannelApiRow, ChannelWebWidgetRow, InboxRow, WorkingHourRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';
import { presentNamed, type WebhookJson } from './webhook-common.presenter.js';
import { presentWorkingHourRecords } from './working-hours.presenter.js';

/** A website channel row as Rails serializes the record (column order; reply_time by name). */
function presentWebWidgetRaw(c: ChannelWebWidgetRow): WebhookJson {
  return {
    id: c.id, website_url: c.website_url, account_id: c.account_id, created_at: toIso(c.created_at), updated_at: toIso(c.updated_at),
    website_token: c.website_token, widget_color: c.widget_color, welcome_title: c.welcome_title, welcome_tagline: c.welcome_tagline,
    feature_flags: c.feature_flags, reply_time: enumName(REPLY_TIMES, c.reply_time) ?? 'in_a_few_minutes', hmac_token: c.hmac_token,
    pre_chat_form_enabled: c.pre_chat_form_enabled, pre_chat_form_options: c.pre_chat_form_options, hmac_mandatory: c.hmac_mandatory,
    continuity_via_email: c.continuity_via_email, allowed_domains: c.allowed_domains,
  };
}

/** The raw channel row an inbox webhook carries (`channel` as Rails serializes the record). */
function presentChannelRaw(channel: ChannelApiRow | ChannelWebWidgetRow | null): WebhookJson | null {
  if (!channel) {
    return null;
  }
  if ('website_token' in channel) {
    return presentWebWidgetRaw(channel);
  }
  return {
    id: channel.id, account_id: channel.account_id, webhook_url: channel.webhook_url,
    created_at: toIso(channel.created_at), updated_at: toIso(channel.updated_at), identifier: channel.identifier,
    hmac_token: channel.hmac_token, hmac_mandatory: channel.hmac_mandatory, additional_attributes: channel.additional_attributes,
    secret: channel.secret,
  };
}

/** Inbox::EventDataPresenter#webhook_data: the inbox's settings, its channel row and `account` (no top-level id or name). */
export function presentInboxWebhook(inbox: InboxRow, channel: ChannelApiRow | ChannelWebWidgetRow | null, workingHours: WorkingHourRow[], account: AccountRow): WebhookJson {
  return {
    allow_messages_after_resolved: inbox.allow_messages_after_resolved,
    lock_to_single_conversation: inbox.lock_to_single_conversation,
    auto_assignment_config: inbox.auto_assignment_config,
    enable_auto_assignment: inbox.enable_auto_assignment,
    enable_email_collect: inbox.enable_email_collect,
    greeting_enabled: inbox.greeting_enabled,
    greeting_message: inbox.greeting_message,
    csat_survey_enabled: inbox.csat_survey_enabled,
    business_name: inbox.business_name,
    sender_name_type: enumName(SENDER_NAME_TYPES, inbox.sender_name_type) ?? 'friendly',
    timezone: inbox.timezone,
    out_of_office_message: inbox.out_of_office_message,
    working_hours_enabled: inbox.working_hours_enabled,
    working_hours: presentWorkingHourRecords(workingHours),
    created_at: toIso(inbox.created_at),
    updated_at: toIso(inbox.updated_at),
    channel: presentChannelRaw(channel),
    account: presentNamed(account),
  };
}
