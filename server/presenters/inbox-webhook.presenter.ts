import { enumName, SENDER_NAME_TYPES } from '../../common/enums.js';
import type { AccountRow, ChannelApiRow, InboxRow, WorkingHourRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';
import { presentNamed, type WebhookJson } from './webhook-common.presenter.js';
import { presentWorkingHourRecords } from './working-hours.presenter.js';

/** The raw channel row an inbox webhook carries (`channel` as Rails serializes the record). */
function presentChannelRaw(channel: ChannelApiRow | null): WebhookJson | null {
  if (!channel) {
    return null;
  }
  return {
    id: channel.id, account_id: channel.account_id, webhook_url: channel.webhook_url,
    created_at: toIso(channel.created_at), updated_at: toIso(channel.updated_at), identifier: channel.identifier,
    hmac_token: channel.hmac_token, hmac_mandatory: channel.hmac_mandatory, additional_attributes: channel.additional_attributes,
    secret: channel.secret,
  };
}

/** Inbox::EventDataPresenter#webhook_data: the inbox's settings, its channel row and `account` (no top-level id or name). */
export function presentInboxWebhook(inbox: InboxRow, channel: ChannelApiRow | null, workingHours: WorkingHourRow[], account: AccountRow): WebhookJson {
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
