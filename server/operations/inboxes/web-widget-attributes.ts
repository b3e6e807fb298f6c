import type { Updateable } from 'kysely';
import { enumValue, REPLY_TIMES, WIDGET_FEATURE_FLAGS } from '../../../common/enums.js';
import type { ChannelWebWidgetsTable } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';

type Json = Record<string, unknown>;

/** The editable attributes of a website channel (`Channel::WebWidget::EDITABLE_ATTRS`). */
export interface WebWidgetAttributes {
  website_url?: string;
  widget_color?: string;
  welcome_title?: string | null;
  welcome_tagline?: string | null;
  /** `in_a_few_minutes`, `in_a_few_hours` or `in_a_day`. */
  reply_time?: string;
  pre_chat_form_enabled?: boolean;
  pre_chat_form_options?: Json;
  continuity_via_email?: boolean;
  hmac_mandatory?: boolean;
  /** Comma-separated hosts (wildcards allowed: `*.example.com`); empty for any site. */
  allowed_domains?: string | null;
  /** Names of the enabled feature flags; the others are switched off. */
  selected_feature_flags?: string[];
}

/** Chatwoot's default pre-chat form (`validate_pre_chat_options`), used while none has fields. */
export const DEFAULT_PRE_CHAT_FORM: Json = {
  pre_chat_message: 'Share your queries or comments here.',
  pre_chat_fields: [
    { field_type: 'standard', label: 'Email Id', name: 'emailAddress', type: 'email', required: true, enabled: false },
    { field_type: 'standard', label: 'Full name', name: 'fullName', type: 'text', required: false, enabled: false },
    { field_type: 'standard', label: 'Phone number', name: 'phoneNumber', type: 'text', required: false, enabled: false },
  ],
};

const FIELD_KEYS = ['field_type', 'label', 'placeholder', 'name', 'enabled', 'type', 'required', 'locale', 'values', 'regex_pattern', 'regex_cue'];
const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

/** The feature-flag bits of the named flags; 422 on an unknown name. */
export function featureFlagBits(names: string[]): number {
  let bits = 0;
  for (const name of names) {
    const index = enumValue(WIDGET_FEATURE_FLAGS, name);
    if (index < 0) {
      throw invalid('channel.selected_feature_flags', 'is not included in the list');
    }
    bits |= 1 << index;
  }
  return bits;
}

/** The hosts of `allowed_domains`, trimmed, without scheme or blanks. */
export function allowedDomainList(value: string): string[] {
  return value.split(',').map((d) => d.trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '')).filter((d) => d !== '');
}

/** Pre-chat options as Chatwoot permits them; the default form when no field is given. */
function preChatOptions(options: Json): Json {
  const fields = Array.isArray(options.pre_chat_fields) ? options.pre_chat_fields : [];
  if (fields.length === 0) {
    return DEFAULT_PRE_CHAT_FORM;
  }
  const kept = fields.filter((f): f is Json => typeof f === 'object' && f !== null).map((field) =>
    Object.fromEntries(FIELD_KEYS.filter((k) => field[k] !== undefined).map((k) => [k, field[k]])));
  return {
    ...(options.pre_chat_message !== undefined ? { pre_chat_message: options.pre_chat_message } : {}),
    ...(options.require_email !== undefined ? { require_email: options.require_email } : {}),
    pre_chat_fields: kept,
  };
}

/** Checks the website channel attributes and turns them into column values (only the keys given). */
export function webWidgetColumns(input: WebWidgetAttributes): Updateable<ChannelWebWidgetsTable> {
  const columns: Updateable<ChannelWebWidgetsTable> = {};
  if (input.website_url !== undefined) {
    if (!input.website_url.trim()) {
      throw invalid('channel.website_url', "can't be blank");
    }
    columns.website_url = input.website_url.trim();
  }
  if (input.widget_color !== undefined) {
    if (!/^#[0-9a-f]{3,8}$/i.test(input.widget_color)) {
      throw invalid('channel.widget_color', 'is invalid');
    }
    columns.widget_color = input.widget_color;
  }
  for (const key of ['welcome_title', 'welcome_tagline'] as const) {
    if (input[key] !== undefined) {
      columns[key] = input[key];
    }
  }
  for (const key of ['pre_chat_form_enabled', 'continuity_via_email', 'hmac_mandatory'] as const) {
    if (input[key] !== undefined) {
      columns[key] = input[key];
    }
  }
  if (input.reply_time !== undefined) {
    const value = enumValue(REPLY_TIMES, input.reply_time);
    if (value < 0) {
      throw invalid('channel.reply_time', 'is not included in the list');
    }
    columns.reply_time = value;
  }
  if (input.pre_chat_form_options !== undefined) {
    columns.pre_chat_form_options = preChatOptions(input.pre_chat_form_options);
  }
  if (input.allowed_domains !== undefined) {
    const domains = allowedDomainList(input.allowed_domains ?? '');
    if (domains.some((d) => !HOST_PATTERN.test(d))) {
      throw invalid('channel.allowed_domains', 'is invalid');
    }
    columns.allowed_domains = domains.join(',');
  }
  if (input.selected_feature_flags !== undefined) {
    columns.feature_flags = featureFlagBits(input.selected_feature_flags);
  }
  return columns;
}
