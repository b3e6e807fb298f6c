import type { Updateable } from 'kysely';
import { enumValue, SENDER_NAME_TYPES } from '../../../common/enums.js';
import type { ChannelApiTable, InboxesTable } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';

/** The inbox attributes an administrator may set on create and update. */
export interface InboxAttributes {
  name?: string;
  /** An image URL shown as the inbox avatar. */
  avatar_url?: string | null;
  greeting_enabled?: boolean;
  greeting_message?: string | null;
  enable_email_collect?: boolean;
  csat_survey_enabled?: boolean;
  enable_auto_assignment?: boolean;
  working_hours_enabled?: boolean;
  out_of_office_message?: string | null;
  /** An IANA time zone name. */
  timezone?: string;
  allow_messages_after_resolved?: boolean;
  lock_to_single_conversation?: boolean;
  /** `friendly` or `professional`. */
  sender_name_type?: string;
  business_name?: string | null;
}

/** The editable attributes of an API channel (`Channel::Api::EDITABLE_ATTRS`). */
export interface ApiChannelAttributes {
  /** Where the inbox's events are POSTed; http(s) only. */
  webhook_url?: string | null;
  /** Require `identifier_hash` on the Client API. */
  hmac_mandatory?: boolean;
  additional_attributes?: Record<string, unknown>;
}

/** Attributes stored as given, in their own column. */
const PLAIN_COLUMNS = [
  'name', 'greeting_enabled', 'greeting_message', 'enable_email_collect', 'csat_survey_enabled', 'enable_auto_assignment',
  'working_hours_enabled', 'out_of_office_message', 'timezone', 'allow_messages_after_resolved',
  'lock_to_single_conversation', 'business_name',
] as const satisfies ReadonlyArray<keyof InboxAttributes & keyof InboxesTable>;

const URL_PATTERN = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** Throws 422 naming `field` unless `url` is empty or an http(s) URL. */
export function checkHttpUrl(field: string, url: string | null | undefined): void {
  if (url && (!URL_PATTERN.test(url) || !URL.canParse(url))) {
    throw invalid(field, 'is invalid');
  }
}

/** True when `zone` is a time zone name the runtime knows (TZInfo's identifiers in Chatwoot). */
function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Checks the inbox attributes and turns them into column values (only the keys given). */
export function inboxColumns(input: InboxAttributes): Updateable<InboxesTable> {
  if (input.name !== undefined && !input.name.trim()) {
    throw invalid('name', "can't be blank");
  }
  if (input.timezone !== undefined && !isTimeZone(input.timezone)) {
    throw invalid('timezone', 'is not included in the list');
  }
  checkHttpUrl('avatar_url', input.avatar_url);
  const columns: Record<string, unknown> = {};
  for (const key of PLAIN_COLUMNS) {
    if (input[key] !== undefined) {
      columns[key] = input[key];
    }
  }
  if (input.avatar_url !== undefined) {
    columns.avatar_url = input.avatar_url || null;
  }
  if (input.sender_name_type !== undefined) {
    columns.sender_name_type = enumValue(SENDER_NAME_TYPES, input.sender_name_type);
    if ((columns.sender_name_type as number) < 0) {
      throw invalid('sender_name_type', 'is not included in the list');
    }
  }
  return columns as Updateable<InboxesTable>;
}

/** Checks the API channel attributes and turns them into column values (only the keys given). */
export function apiChannelColumns(input: ApiChannelAttributes): Updateable<ChannelApiTable> {
  checkHttpUrl('channel.webhook_url', input.webhook_url);
  const window = input.additional_attributes?.agent_reply_time_window;
  if (window !== undefined && window !== null && window !== '' && !(Number.parseInt(String(window), 10) > 0)) {
    throw invalid('channel.additional_attributes.agent_reply_time_window', 'must be greater than 0');
  }
  return {
    ...(input.webhook_url !== undefined ? { webhook_url: input.webhook_url } : {}),
    ...(input.hmac_mandatory !== undefined ? { hmac_mandatory: input.hmac_mandatory } : {}),
    ...(input.additional_attributes !== undefined ? { additional_attributes: input.additional_attributes } : {}),
  };
}
