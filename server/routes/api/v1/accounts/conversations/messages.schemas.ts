import { Type, type Static } from '@sinclair/typebox';
import { CONTENT_TYPES, MESSAGE_STATUSES, MESSAGE_TYPES } from '../../../../../../common/enums.js';
import { MessageJson } from '../../../../../presenters/message.presenter.js';
import { MessagesMetaJson } from '../../../../../presenters/message-list.presenter.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const oneOf = <T extends string>(names: readonly T[]) => Type.Unsafe<T>(Type.Union(names.map((name) => Type.Literal(name))));
const Id = Type.Integer({ minimum: 1 });
/** An id given in a body: it must fit an integer column. */
const BodyId = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

/** Longest message text (Message validates content ≤ 150,000 characters). */
export const MAX_CONTENT_LENGTH = 150_000;

export const MessagesParams = Type.Object({
  account_id: Id,
  conversation_id: Id,
});

export const MessageParams = Type.Object({
  account_id: Id,
  conversation_id: Id,
  id: Id,
});

export const ListMessagesQuery = Type.Object({
  /** Messages with an id below this one (the 20 before it). */
  before: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Messages with an id above this one (up to 100), or from it when `before` is given too. */
  after: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Leave out private notes and activity messages. */
  filter_internal_messages: Type.Optional(Type.Boolean()),
});

/**
 * POST body (JSON or multipart/form-data; files go in `attachments[]`). Messages::MessageBuilder's params.
 * A retry whose `source_id` or `echo_id` was already delivered in the conversation answers 200
 * with the message created the first time, and creates nothing.
 */
export const CreateMessageBody = Type.Object({
  content: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: MAX_CONTENT_LENGTH })])),
  message_type: Type.Optional(oneOf(MESSAGE_TYPES)),
  private: Type.Optional(Type.Boolean()),
  content_type: Type.Optional(Type.Union([Type.Null(), oneOf(CONTENT_TYPES)])),
  /** An object, or the same as a JSON string (multipart); a string that is not JSON counts as `{}`. */
  content_attributes: Type.Optional(Type.Union([Type.Null(), AnyObject, Type.String({ maxLength: MAX_CONTENT_LENGTH })])),
  echo_id: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 255 })])),
  source_id: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 1024 })])),
  external_created_at: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 64 }), Type.Number()])),
  campaign_id: Type.Optional(Type.Union([Type.Null(), BodyId])),
  template_params: Type.Optional(Type.Union([Type.Null(), Type.Object({
    name: Type.String({ maxLength: 512 }),
    category: Type.Optional(Type.String({ maxLength: 255 })),
    language: Type.Optional(Type.String({ maxLength: 64 })),
    namespace: Type.Optional(Type.String({ maxLength: 255 })),
    processed_params: Type.Optional(AnyObject),
  }, { additionalProperties: true })])),
  /** `AgentBot` with `sender_id`: send an outgoing message as that bot. */
  sender_type: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 32 })])),
  sender_id: Type.Optional(Type.Union([Type.Null(), BodyId])),
  is_voice_message: Type.Optional(Type.Boolean()),
});
export type CreateMessageBodyT = Static<typeof CreateMessageBody>;

export const UpdateMessageBody = Type.Object({
  status: Type.Optional(oneOf(MESSAGE_STATUSES)),
  external_error: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 10_000 })])),
});

export const MessageResponse = { 200: MessageJson };

export const MessagesListResponse = {
  200: Type.Object({ meta: MessagesMetaJson, payload: Type.Array(MessageJson) }),
};
