import { Type } from '@sinclair/typebox';

const Text = (maxLength: number) => Type.String({ maxLength });
const NullableText = (maxLength: number) => Type.Union([Type.Null(), Type.String({ maxLength })]);
const AnyObject = Type.Object({}, { additionalProperties: true });

/** Every widget request names its website inbox. */
export const WebsiteQuery = Type.Object({ website_token: Type.Optional(Text(255)), locale: Type.Optional(Text(20)) }, { additionalProperties: true });

export const ContactUpdateBody = Type.Object({
  website_token: Type.Optional(Text(255)),
  identifier: Type.Optional(NullableText(255)),
  identifier_hash: Type.Optional(NullableText(255)),
  email: Type.Optional(NullableText(255)),
  name: Type.Optional(NullableText(255)),
  avatar_url: Type.Optional(NullableText(2048)),
  phone_number: Type.Optional(NullableText(50)),
  custom_attributes: Type.Optional(AnyObject),
  additional_attributes: Type.Optional(AnyObject),
});

export const CustomAttributeKeysBody = Type.Object({
  website_token: Type.Optional(Text(255)),
  custom_attributes: Type.Optional(Type.Array(Text(255), { maxItems: 100 })),
  custom_attribute: Type.Optional(Type.Union([Text(255), Type.Array(Text(255), { maxItems: 100 })])),
});

const MessageParams = Type.Object({
  content: Type.Optional(NullableText(150_000)),
  referer_url: Type.Optional(NullableText(2048)),
  timestamp: Type.Optional(NullableText(255)),
  echo_id: Type.Optional(NullableText(255)),
  reply_to: Type.Optional(Type.Union([Type.Null(), Type.Integer(), Text(20)])),
});

export const CreateConversationBody = Type.Object({
  website_token: Type.Optional(Text(255)),
  contact: Type.Optional(Type.Object({ name: Type.Optional(NullableText(255)), email: Type.Optional(NullableText(255)), phone_number: Type.Optional(NullableText(50)) })),
  message: Type.Object({ ...MessageParams.properties, content: Type.String({ minLength: 1, maxLength: 150_000 }) }),
  custom_attributes: Type.Optional(AnyObject),
});

export const CreateMessageBody = Type.Object({
  website_token: Type.Optional(Text(255)),
  message: Type.Optional(MessageParams),
  custom_attributes: Type.Optional(AnyObject),
  labels: Type.Optional(Type.Array(Text(255), { maxItems: 50 })),
});

export const UpdateMessageBody = Type.Object({
  website_token: Type.Optional(Text(255)),
  contact: Type.Optional(Type.Object({ email: Type.Optional(NullableText(255)), name: Type.Optional(NullableText(255)) })),
  message: Type.Optional(Type.Object({ submitted_values: Type.Optional(Type.Unknown()) })),
});

export const MessagesQuery = Type.Object({
  website_token: Type.Optional(Text(255)), before: Type.Optional(Type.Integer({ minimum: 1 })), after: Type.Optional(Type.Integer({ minimum: 0 })),
}, { additionalProperties: true });

export const TypingBody = Type.Object({ website_token: Type.Optional(Text(255)), typing_status: Type.Optional(Text(10)) });
export const SetConversationAttributesBody = Type.Object({ website_token: Type.Optional(Text(255)), custom_attributes: AnyObject });
export const EventBody = Type.Object({ website_token: Type.Optional(Text(255)), name: Text(100), event_info: Type.Optional(AnyObject) });
export const LabelBody = Type.Object({ website_token: Type.Optional(Text(255)), label: Text(255) });
export const LabelParams = Type.Object({ id: Text(255) });
export const MessageIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
