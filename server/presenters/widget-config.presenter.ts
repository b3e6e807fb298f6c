import { Type, type Static } from '@sinclair/typebox';
import { enumName, flagNames, REPLY_TIMES, WIDGET_FEATURE_FLAGS } from '../../common/enums.js';
import type { AccountRow, ChannelWebWidgetRow, ContactInboxRow, ContactRow, InboxRow, WorkingHourRow } from '../db/schema.js';
import { presentWorkingHourRecords, WorkingHourRecordJson } from './working-hours.presenter.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const AnyObject = Type.Object({}, { additionalProperties: true });

/** The widget's languages (`available_locales_with_name`, those the widget app is translated into). */
export const WIDGET_LANGUAGES = [
  { name: 'English (en)', iso_639_1_code: 'en' },
  { name: 'Español (es)', iso_639_1_code: 'es' },
  { name: 'Português Brasileiro (pt-BR)', iso_639_1_code: 'pt_BR' },
  { name: 'Français (fr)', iso_639_1_code: 'fr' },
  { name: 'Deutsch (de)', iso_639_1_code: 'de' },
];

/** `POST /api/v1/widget/config` (`api/v1/widget/configs/create.json.jbuilder`). */
export const WidgetConfigJson = Type.Object({
  website_channel_config: Type.Object({
    allow_messages_after_resolved: Type.Boolean(), api_host: Type.String(), auth_token: Type.String(), avatar_url: NullableString,
    csat_survey_enabled: Type.Boolean(), disable_branding: Type.Boolean(), enabled_features: Type.Array(Type.String()),
    enabled_languages: Type.Array(Type.Object({ name: Type.String(), iso_639_1_code: Type.String() })),
    locale: Type.String(), out_of_office_message: NullableString, portal: Type.Null(), pre_chat_form_enabled: Type.Boolean(),
    pre_chat_form_options: AnyObject, reply_time: Type.String(), timezone: Type.String(), utc_off_set: Type.String(),
    website_name: Type.String(), website_token: Type.String(), welcome_tagline: NullableString, welcome_title: NullableString,
    widget_color: Type.String(), working_hours: Type.Array(WorkingHourRecordJson), working_hours_enabled: Type.Boolean(),
  }),
  contact: Type.Object({
    email: NullableString, id: Type.Integer(), identifier: NullableString, name: Type.String(), phone_number: NullableString,
    pubsub_token: Type.String(),
  }),
  global_config: AnyObject,
});

/** `+05:30` for a time zone's current offset. */
export function utcOffset(timeZone: string, at = new Date()): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-]\d{2}:\d{2})/.exec(part);
  return match ? match[1] : '+00:00';
}

/** What the config shape is made of. */
export interface WidgetConfigFacts {
  account: AccountRow;
  inbox: InboxRow;
  channel: ChannelWebWidgetRow;
  workingHours: WorkingHourRow[];
  contact: ContactRow;
  contactInbox: ContactInboxRow;
  token: string;
  frontendUrl: string;
  maxUploadMb: number;
}

/** The widget's configuration, its visitor and token. */
export function presentWidgetConfig(f: WidgetConfigFacts): Static<typeof WidgetConfigJson> {
  return {
    website_channel_config: {
      allow_messages_after_resolved: f.inbox.allow_messages_after_resolved, api_host: f.frontendUrl, auth_token: f.token,
      avatar_url: f.inbox.avatar_url ?? '', csat_survey_enabled: f.inbox.csat_survey_enabled, disable_branding: false,
      enabled_features: flagNames(WIDGET_FEATURE_FLAGS, f.channel.feature_flags), enabled_languages: WIDGET_LANGUAGES,
      locale: f.account.locale, out_of_office_message: f.inbox.out_of_office_message, portal: null,
      pre_chat_form_enabled: f.channel.pre_chat_form_enabled, pre_chat_form_options: f.channel.pre_chat_form_options,
      reply_time: enumName(REPLY_TIMES, f.channel.reply_time) ?? 'in_a_few_minutes', timezone: f.inbox.timezone,
      utc_off_set: utcOffset(f.inbox.timezone), website_name: f.inbox.name, website_token: f.channel.website_token,
      welcome_tagline: f.channel.welcome_tagline, welcome_title: f.channel.welcome_title, widget_color: f.channel.widget_color,
      working_hours: presentWorkingHourRecords(f.workingHours), working_hours_enabled: f.inbox.working_hours_enabled,
    },
    contact: {
      email: f.contact.email, id: f.contact.id, identifier: f.contact.identifier, name: f.contact.name,
      phone_number: f.contact.phone_number, pubsub_token: f.contactInbox.pubsub_token,
    },
    global_config: {
      LOGO_THUMBNAIL: null, BRAND_NAME: 'Parley', WIDGET_BRAND_URL: null, MAXIMUM_FILE_UPLOAD_SIZE: f.maxUploadMb, INSTALLATION_NAME: 'Parley',
    },
  };
}
