import { Type, type Static } from '@sinclair/typebox';
import { CONTENT_TYPES, enumName, MESSAGE_STATUSES } from '../../common/enums.js';
import { toIso, toUnix } from '../lib/clock.js';
import { AttachmentJson, presentAttachment } from './attachment.presenter.js';
import { presentSender, SenderJson } from './message-sender.presenter.js';
import type { MessageView } from './message.presenter.js';
import { inWireOrder } from './wire-order.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** Facts about the conversation that the push shape embeds. */
export interface MessageConversationFacts {
  assignee_id: number | null;
  unread_count: number;
  last_activity_at: number;
  source_id: string | null;
}

/** Push shape (Message#push_event_data): every column plus conversation facts; used inside conversations and on the socket. */
export const MessagePushJson = inWireOrder(Type.Object({
  id: Type.Integer(),
  content: NullableString,
  account_id: Type.Integer(),
  inbox_id: Type.Integer(),
  conversation_id: Type.Integer(),
  message_type: Type.Integer(),
  created_at: Type.Integer(),
  updated_at: Type.String(),
  private: Type.Boolean(),
  status: Type.String(),
  source_id: NullableString,
  content_type: Type.String(),
  content_attributes: AnyObject,
  sender_type: NullableString,
  sender_id: Type.Union([Type.Integer(), Type.Null()]),
  external_source_ids: AnyObject,
  additional_attributes: AnyObject,
  processed_message_content: NullableString,
  sentiment: AnyObject,
  conversation: Type.Object({
    assignee_id: Type.Union([Type.Integer(), Type.Null()]),
    unread_count: Type.Integer(),
    last_activity_at: Type.Integer(),
    contact_inbox: Type.Object({ source_id: NullableString }),
  }),
  echo_id: Type.Optional(Type.String()),
  attachments: Type.Optional(Type.Array(AttachmentJson)),
  sender: Type.Optional(SenderJson),
}));

/** Push shape of a message (inside conversation payloads and websocket frames). */
export function presentMessagePush(view: MessageView, facts: MessageConversationFacts): Static<typeof MessagePushJson> {
  const m = view.message;
  return {
    id: m.id, content: m.content, account_id: m.account_id, inbox_id: m.inbox_id,
    conversation_id: view.conversationDisplayId, message_type: m.message_type,
    created_at: toUnix(m.created_at) as number,
    updated_at: toIso(m.updated_at) as string,
    private: m.private,
    status: enumName(MESSAGE_STATUSES, m.status) ?? 'sent',
    source_id: m.source_id,
    content_type: enumName(CONTENT_TYPES, m.content_type) ?? 'text',
    content_attributes: m.content_attributes,
    sender_type: m.sender_type,
    sender_id: m.sender_id,
    external_source_ids: m.external_source_ids,
    additional_attributes: m.additional_attributes,
    processed_message_content: m.processed_message_content,
    sentiment: m.sentiment,
    conversation: {
      assignee_id: facts.assignee_id, unread_count: facts.unread_count,
      last_activity_at: toUnix(facts.last_activity_at) as number, contact_inbox: { source_id: facts.source_id },
    },
    ...(m.echo_id ? { echo_id: m.echo_id } : {}),
    ...(view.attachments.length > 0 ? { attachments: view.attachments.map((a) => presentAttachment(a)) } : {}),
    ...(view.sender ? { sender: presentSender(view.sender) } : {}),
  };
}
