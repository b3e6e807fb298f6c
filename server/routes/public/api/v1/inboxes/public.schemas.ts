import { Type } from '@sinclair/typebox';
import { PublicContactJson, RawContactJson } from '../../../../../presenters/public-contact.presenter.js';
import { PublicConversationJson } from '../../../../../presenters/public-conversation.presenter.js';
import { PublicInboxJson } from '../../../../../presenters/public-inbox.presenter.js';
import { PublicMessageJson } from '../../../../../presenters/public-message.presenter.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const Text = (maxLength = 255) => Type.Union([Type.String({ maxLength }), Type.Null()]);
/** Ids in paths: strings, so that anything that is not an id answers 404 as Rails does, not 422. */
const PathId = Type.String({ maxLength: 40 });

export const InboxParams = Type.Object({ inbox_identifier: Type.String({ maxLength: 255 }) });
export const SessionParams = Type.Object({
  inbox_identifier: Type.String({ maxLength: 255 }),
  contact_identifier: Type.String({ maxLength: 255 }),
});
export const ConversationParams = Type.Object({ ...SessionParams.properties, conversation_id: PathId });
export const MessageParams = Type.Object({ ...ConversationParams.properties, message_id: PathId });

/** The identity proof fields (HMAC), accepted wherever the contact is shown or changed. */
const Identity = {
  identifier: Type.Optional(Text()),
  identifier_hash: Type.Optional(Text(128)),
};

export const ContactBody = Type.Object({
  ...Identity,
  email: Type.Optional(Text()),
  name: Type.Optional(Text()),
  phone_number: Type.Optional(Text()),
  avatar_url: Type.Optional(Text(2048)),
  custom_attributes: Type.Optional(Type.Union([AnyObject, Type.Null()])),
  source_id: Type.Optional(Text()),
});
export const ContactQuery = Type.Object(Identity);

export const CreateConversationBody = Type.Object({
  custom_attributes: Type.Optional(Type.Union([AnyObject, Type.Null()])),
});
export const ToggleTypingBody = Type.Object({ typing_status: Type.Optional(Text(20)) });

export const MessagesQuery = Type.Object({ before: Type.Optional(Type.Integer({ minimum: 0 })) });
export const CreateMessageBody = Type.Object({
  content: Type.Optional(Text(150_000)),
  echo_id: Type.Optional(Text()),
});
export const UpdateMessageBody = Type.Object({
  submitted_values: Type.Optional(Type.Union([Type.Array(AnyObject, { maxItems: 100 }), AnyObject, Type.Null()])),
});

export const PublicInboxResponse = { 200: PublicInboxJson };
export const PublicContactResponse = { 200: PublicContactJson };
export const RawContactResponse = { 200: RawContactJson };
export const PublicConversationResponse = { 200: PublicConversationJson };
export const PublicConversationListResponse = { 200: Type.Array(PublicConversationJson) };
export const PublicMessageResponse = { 200: PublicMessageJson };
export const PublicMessageListResponse = { 200: Type.Array(PublicMessageJson) };
export const EmptyResponse = { 200: Type.Null() };
