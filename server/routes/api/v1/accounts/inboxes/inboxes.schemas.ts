import { Type } from '@sinclair/typebox';
import { SENDER_NAME_TYPES } from '../../../../../../common/enums.js';
import { InboxJson } from '../../../../../presenters/inbox.presenter.js';

const NullableText = (maxLength: number) => Type.Union([Type.Null(), Type.String({ maxLength })]);

export const InboxListParams = Type.Object({ account_id: Type.Integer({ minimum: 1 }) });
export const InboxParams = Type.Object({ account_id: Type.Integer({ minimum: 1 }), id: Type.Integer({ minimum: 1 }) });

/** Inbox attributes shared by create and update (`inbox_attributes` in Chatwoot's controller). */
const inboxAttributes = {
  avatar_url: Type.Optional(NullableText(2048)),
  greeting_enabled: Type.Optional(Type.Boolean()),
  greeting_message: Type.Optional(NullableText(10_000)),
  enable_email_collect: Type.Optional(Type.Boolean()),
  csat_survey_enabled: Type.Optional(Type.Boolean()),
  enable_auto_assignment: Type.Optional(Type.Boolean()),
  working_hours_enabled: Type.Optional(Type.Boolean()),
  out_of_office_message: Type.Optional(NullableText(10_000)),
  timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  allow_messages_after_resolved: Type.Optional(Type.Boolean()),
  lock_to_single_conversation: Type.Optional(Type.Boolean()),
  sender_name_type: Type.Optional(Type.Union(SENDER_NAME_TYPES.map((name) => Type.Literal(name)))),
  business_name: Type.Optional(NullableText(255)),
};

/** API channel attributes (`Channel::Api::EDITABLE_ATTRS`). */
const apiChannelAttributes = {
  webhook_url: Type.Optional(NullableText(2048)),
  hmac_mandatory: Type.Optional(Type.Boolean()),
  additional_attributes: Type.Optional(Type.Object({}, { additionalProperties: true })),
};

/** Website channel attributes (`Channel::WebWidget::EDITABLE_ATTRS`). */
const webWidgetAttributes = {
  website_url: Type.Optional(Type.String({ maxLength: 2048 })),
  widget_color: Type.Optional(Type.String({ maxLength: 20 })),
  welcome_title: Type.Optional(NullableText(255)),
  welcome_tagline: Type.Optional(NullableText(1024)),
  reply_time: Type.Optional(Type.String({ maxLength: 40 })),
  pre_chat_form_enabled: Type.Optional(Type.Boolean()),
  pre_chat_form_options: Type.Optional(Type.Object({
    pre_chat_message: Type.Optional(NullableText(2048)),
    require_email: Type.Optional(Type.Boolean()),
    pre_chat_fields: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 50 })),
  })),
  continuity_via_email: Type.Optional(Type.Boolean()),
  allowed_domains: Type.Optional(NullableText(4096)),
  selected_feature_flags: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
};

export const CreateInboxBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  ...inboxAttributes,
  channel: Type.Object({ type: Type.String({ minLength: 1, maxLength: 50 }), ...apiChannelAttributes, ...webWidgetAttributes }),
});

/** One day of `working_hours` in an update (Inbox::OFFISABLE_ATTRS); ranges are checked by the operation. */
const WorkingHourBody = Type.Object({
  day_of_week: Type.Integer(),
  closed_all_day: Type.Optional(Type.Boolean()),
  open_all_day: Type.Optional(Type.Boolean()),
  open_hour: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  open_minutes: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  close_hour: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  close_minutes: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});

export const UpdateInboxBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  ...inboxAttributes,
  working_hours: Type.Optional(Type.Array(WorkingHourBody, { maxItems: 7 })),
  channel: Type.Optional(Type.Object({ ...apiChannelAttributes, ...webWidgetAttributes })),
});

export const InboxListResponse = { 200: Type.Object({ payload: Type.Array(InboxJson) }) };
export const InboxResponse = { 200: InboxJson };
export const InboxDeleteResponse = { 200: Type.Object({ message: Type.String() }) };
