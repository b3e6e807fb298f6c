import { Type, type Static } from '@sinclair/typebox';
import { CONTENT_TYPES, enumName } from '../../common/enums.js';
import { toUnix } from '../lib/clock.js';
import { AttachmentJson, presentAttachment } from './attachment.presenter.js';
import { presentSender, SenderJson } from './message-sender.presenter.js';
import type { MessageView } from './message.presenter.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A message as the contact sees it (`public/api/v1/models/_message.json.jbuilder`). */
export const PublicMessageJson = Type.Object({
  id: Type.Integer(),
  content: NullableString,
  message_type: Type.Integer(),
  content_type: Type.String(),
  content_attributes: Type.Object({}, { additionalProperties: true }),
  created_at: Type.Integer(),
  conversation_id: Type.Integer(),
  attachments: Type.Optional(Type.Array(AttachmentJson)),
  sender: Type.Optional(SenderJson),
});

/** Client API message shape: `attachments` only when there are some, `sender` only when there is one. */
export function presentPublicMessage(view: MessageView): Static<typeof PublicMessageJson> {
  const m = view.message;
  return {
    id: m.id,
    content: m.content,
    message_type: m.message_type,
    content_type: enumName(CONTENT_TYPES, m.content_type) ?? 'text',
    content_attributes: m.content_attributes,
    created_at: toUnix(m.created_at) as number,
    conversation_id: view.conversationDisplayId,
    ...(view.attachments.length > 0 ? { attachments: view.attachments.map((a) => presentAttachment(a)) } : {}),
    ...(view.sender ? { sender: presentSender(view.sender) } : {}),
  };
}
