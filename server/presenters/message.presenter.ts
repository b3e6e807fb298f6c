import { Type, type Static } from '@sinclair/typebox';
import { CONTENT_TYPES, enumName, MESSAGE_STATUSES } from '../../common/enums.js';
import type { AttachmentRow, MessageRow } from '../db/schema.js';
import { toUnix } from '../lib/clock.js';
import { AttachmentJson, presentAttachment } from './attachment.presenter.js';
import { presentSender, SenderJson, type MessageSender } from './message-sender.presenter.js';
import { inWireOrder } from './wire-order.js';

export { presentSender, SenderJson, type MessageSender } from './message-sender.presenter.js';
export { MessagePushJson, presentMessagePush, type MessageConversationFacts } from './message-push.presenter.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A message with what its shapes need, loaded by the caller in batches. */
export interface MessageView {
  message: MessageRow;
  /** The conversation's display_id (what the wire calls conversation_id). */
  conversationDisplayId: number;
  sender: MessageSender | null;
  attachments: AttachmentRow[];
}

/** REST shape (`models/_message.json.jbuilder`). */
export const MessageJson = inWireOrder(Type.Object({
  id: Type.Integer(),
  content: NullableString,
  inbox_id: Type.Integer(),
  echo_id: Type.Optional(Type.String()),
  conversation_id: Type.Integer(),
  message_type: Type.Integer(),
  content_type: Type.String(),
  status: Type.String(),
  content_attributes: AnyObject,
  created_at: Type.Integer(),
  private: Type.Boolean(),
  source_id: NullableString,
  sender: Type.Optional(SenderJson),
  attachments: Type.Optional(Type.Array(AttachmentJson)),
}));

/** REST shape of a message. */
export function presentMessage(view: MessageView): Static<typeof MessageJson> {
  const m = view.message;
  return {
    id: m.id,
    content: m.content,
    inbox_id: m.inbox_id,
    ...(m.echo_id ? { echo_id: m.echo_id } : {}),
    conversation_id: view.conversationDisplayId,
    message_type: m.message_type,
    content_type: enumName(CONTENT_TYPES, m.content_type) ?? 'text',
    status: enumName(MESSAGE_STATUSES, m.status) ?? 'sent',
    content_attributes: m.content_attributes,
    created_at: toUnix(m.created_at) as number,
    private: m.private,
    source_id: m.source_id,
    ...(view.sender ? { sender: presentSender(view.sender) } : {}),
    ...(view.attachments.length > 0 ? { attachments: view.attachments.map((a) => presentAttachment(a)) } : {}),
  };
}
