import { Type, type Static } from '@sinclair/typebox';
import { CONTENT_TYPES, enumName, MESSAGE_STATUSES } from '../../common/enums.js';
import type { AccountUserRow, AgentBotRow, AttachmentRow, ContactRow, MessageRow, UserRow } from '../db/schema.js';
import { toIso, toUnix } from '../lib/clock.js';
import { AgentBotPushJson, presentAgentBotPush } from './agent-bot.presenter.js';
import { AttachmentJson, presentAttachment } from './attachment.presenter.js';
import { ContactPushJson, presentContactPush } from './contact.presenter.js';
import { presentUserPush, UserPushJson } from './user.presenter.js';
import { inWireOrder } from './wire-order.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** The loaded sender of a message, whichever kind it is. */
export type MessageSender =
  | { type: 'User'; user: UserRow; membership: AccountUserRow | null }
  | { type: 'Contact'; contact: ContactRow }
  | { type: 'AgentBot'; bot: AgentBotRow; inboxAvatarUrl: string | null };

/** A message with what its shapes need, loaded by the caller in batches. */
export interface MessageView {
  message: MessageRow;
  /** The conversation's display_id (what the wire calls conversation_id). */
  conversationDisplayId: number;
  sender: MessageSender | null;
  attachments: AttachmentRow[];
}

/** Facts about the conversation that the push shape embeds. */
export interface MessageConversationFacts {
  assignee_id: number | null;
  unread_count: number;
  last_activity_at: number;
  source_id: string | null;
}

export const SenderJson = Type.Union([UserPushJson, ContactPushJson, AgentBotPushJson]);

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

/** Push shape of whoever sent a message. */
export function presentSender(sender: MessageSender): Static<typeof SenderJson> {
  switch (sender.type) {
    case 'User':
      return presentUserPush(sender.user, sender.membership);
    case 'Contact':
      return presentContactPush(sender.contact);
    case 'AgentBot':
      return presentAgentBotPush(sender.bot, sender.inboxAvatarUrl);
  }
}

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

/** Push shape of a message (inside conversation payloads and websocket frames). */
export function presentMessagePush(view: MessageView, facts: MessageConversationFacts): Static<typeof MessagePushJson> {
  const m = view.message;
  return {
    id: m.id,
    content: m.content,
    account_id: m.account_id,
    inbox_id: m.inbox_id,
    conversation_id: view.conversationDisplayId,
    message_type: m.message_type,
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
      assignee_id: facts.assignee_id,
      unread_count: facts.unread_count,
      last_activity_at: toUnix(facts.last_activity_at) as number,
      contact_inbox: { source_id: facts.source_id },
    },
    ...(m.echo_id ? { echo_id: m.echo_id } : {}),
    ...(view.attachments.length > 0 ? { attachments: view.attachments.map((a) => presentAttachment(a)) } : {}),
    ...(view.sender ? { sender: presentSender(view.sender) } : {}),
  };
}
