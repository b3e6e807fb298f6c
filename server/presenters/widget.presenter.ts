import { Type, type Static } from '@sinclair/typebox';
import { CONVERSATION_STATUSES, enumName } from '../../common/enums.js';
import type { ContactRow, ConversationRow } from '../db/schema.js';
import { toUnix, toUnixOrZero } from '../lib/clock.js';
import { AttachmentJson, presentAttachment } from './attachment.presenter.js';
import { presentSender, SenderJson } from './message-sender.presenter.js';
import type { MessageView } from './message.presenter.js';
import { presentContactRaw, RawContactJson } from './public-contact.presenter.js';
import { presentPublicMessage, PublicMessageJson } from './public-message.presenter.js';

/** The visitor as the widget sees it (`widget/contacts/show|update|set_user.json.jbuilder`). */
export const WidgetContactJson = Type.Object({
  id: Type.Integer(), has_email: Type.Boolean(), has_name: Type.Boolean(), has_phone_number: Type.Boolean(),
  identifier: Type.Optional(Type.Union([Type.String(), Type.Null()])), widget_auth_token: Type.Optional(Type.String()),
});

/** Contact flags; `identifier` for show, `widget_auth_token` when set_user started a new session. */
export function presentWidgetContact(c: ContactRow, extra: { identifier?: boolean; token?: string } = {}): Static<typeof WidgetContactJson> {
  return {
    id: c.id, has_email: Boolean(c.email), has_name: Boolean(c.name), has_phone_number: Boolean(c.phone_number),
    ...(extra.identifier ? { identifier: c.identifier } : {}), ...(extra.token ? { widget_auth_token: extra.token } : {}),
  };
}

/** The current conversation (`widget/conversations/index.json.jbuilder`); `{}` when there is none. */
export const WidgetConversationJson = Type.Object({
  id: Type.Optional(Type.Integer()), inbox_id: Type.Optional(Type.Integer()),
  contact_last_seen_at: Type.Optional(Type.Integer()), status: Type.Optional(Type.String()),
});

export function presentWidgetConversation(c: ConversationRow | undefined): Static<typeof WidgetConversationJson> {
  return c ? {
    id: c.display_id, inbox_id: c.inbox_id, contact_last_seen_at: toUnixOrZero(c.contact_last_seen_at),
    status: enumName(CONVERSATION_STATUSES, c.status) ?? 'open',
  } : {};
}

/** A conversation just created (`widget/conversations/create.json.jbuilder`). */
export const WidgetNewConversationJson = Type.Object({
  id: Type.Integer(), inbox_id: Type.Integer(), contact_last_seen_at: Type.Integer(), status: Type.String(),
  messages: Type.Array(PublicMessageJson), custom_attributes: Type.Object({}, { additionalProperties: true }), contact: RawContactJson,
});

export function presentWidgetNewConversation(c: ConversationRow, messages: MessageView[], contact: ContactRow): Static<typeof WidgetNewConversationJson> {
  return {
    ...(presentWidgetConversation(c) as { id: number; inbox_id: number; contact_last_seen_at: number; status: string }),
    messages: messages.map(presentPublicMessage), custom_attributes: c.custom_attributes, contact: presentContactRaw(contact),
  };
}

/** A message the visitor just sent (`widget/messages/create.json.jbuilder`). */
export const WidgetCreatedMessageJson = Type.Object({
  id: Type.Integer(), content: Type.Union([Type.String(), Type.Null()]), inbox_id: Type.Integer(), conversation_id: Type.Integer(),
  message_type: Type.Integer(), created_at: Type.Integer(), private: Type.Boolean(), source_id: Type.Union([Type.String(), Type.Null()]),
  content_attributes: Type.Object({}, { additionalProperties: true }), attachments: Type.Optional(Type.Array(AttachmentJson)),
  sender: Type.Optional(SenderJson),
});

export function presentWidgetCreatedMessage(view: MessageView): Static<typeof WidgetCreatedMessageJson> {
  const m = view.message;
  return {
    id: m.id, content: m.content, inbox_id: m.inbox_id, conversation_id: view.conversationDisplayId, message_type: m.message_type,
    created_at: toUnix(m.created_at) as number, private: m.private, source_id: m.source_id, content_attributes: m.content_attributes,
    ...(view.attachments.length > 0 ? { attachments: view.attachments.map((a) => presentAttachment(a)) } : {}),
    ...(view.sender ? { sender: presentSender(view.sender) } : {}),
  };
}

/** `widget/inbox_members/index.json.jbuilder` entries. */
export const WidgetAgentJson = Type.Object({
  id: Type.Integer(), name: Type.String(), avatar_url: Type.String(), availability_status: Type.Union([Type.String(), Type.Null()]),
});
