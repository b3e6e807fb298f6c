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

export const CreateInboxBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  ...inboxAttributes,
  channel: Type.Object({ type: Type.String({ minLength: 1, maxLength: 50 }), ...apiChannelAttributes }),
});

export const UpdateInboxBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  ...inboxAttributes,
  channel: Type.Optional(Type.Object(apiChannelAttributes)),
});

export const InboxListResponse = { 200: Type.Object({ payload: Type.Array(InboxJson) }) };
export const InboxResponse = { 200: InboxJson };
export const InboxDeleteResponse = { 200: Type.Object({ message: Type.String() }) };
