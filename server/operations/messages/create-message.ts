import { CONTENT_TYPES, enumValue, MESSAGE_TYPES, type ContentType, type MessageType } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import type { ConversationRow, InboxRow, MessageRow } from '../../db/schema.js';
import { unprocessable } from '../../lib/errors.js';
import { agentBotRepository } from '../../repositories/agent-bot.repository.js';
import { attachmentRepository } from '../../repositories/attachment.repository.js';
import { inboxRepository } from '../../repositories/inbox.repository.js';
import { messageRepository } from '../../repositories/message.repository.js';
import { extensionOf, fileTypeOf, type StoredUpload } from '../../storage/attachment-files.js';
import { applyMessageEffects } from './apply-message-effects.js';
import { checkContentAttributes } from './check-content-attributes.js';
import { sendMessageTemplates } from './send-message-templates.js';

type Json = Record<string, unknown>;

/** What a caller may set on a new message (Messages::MessageBuilder params). */
export interface CreateMessageInput {
  /** Text; null for interactive messages that carry only items. */
  content: string | null;
  messageType: MessageType;
  private: boolean;
  contentType: ContentType;
  /** Already parsed from a JSON string when it came as one. */
  contentAttributes: Json;
  /** The client's temporary id, echoed back; unique per conversation. */
  echoId: string | null;
  /** The external system's id; unique per conversation. */
  sourceId: string | null;
  /** When the message was created elsewhere, kept in content_attributes as given. */
  externalCreatedAt: string | number | null;
  campaignId: number | null;
  templateParams: Json | null;
  /** Send an outgoing message as this agent bot (of the account or global) instead of the caller. */
  senderBotId: number | null;
  /** Tags audio attachments as voice messages. */
  isVoiceMessage: boolean;
  /** Files already written to storage. */
  uploads: StoredUpload[];
  /** A message nobody sent (a template such as the CSAT survey): no sender is stored. */
  withoutSender?: boolean;
}

/** The message, and whether this call created it (false: a retry of an already delivered source_id/echo_id). */
export interface CreatedMessage {
  message: MessageRow;
  created: boolean;
}

/** `incoming` is for API inboxes only when an agent or bot writes (MessageBuilder#message_type); contacts write incoming anywhere. */
function checkMessageType(ctx: Ctx, type: MessageType, inbox: InboxRow): number {
  if (type === 'incoming' && inbox.channel_type !== 'Channel::Api' && ctx.actor.type !== 'Contact') {
    throw unprocessable('Incoming messages are only allowed in Api inboxes');
  }
  return enumValue(MESSAGE_TYPES, type);
}

/** Outgoing: the named agent bot, else the caller; anything else: the conversation's contact (MessageBuilder#sender). */
async function senderOf(ctx: Ctx, conversation: ConversationRow, input: CreateMessageInput): Promise<Pick<MessageRow, 'sender_type' | 'sender_id'>> {
  if (input.withoutSender) {
    return { sender_type: null, sender_id: null };
  }
  if (input.messageType !== 'outgoing') {
    return { sender_type: 'Contact', sender_id: conversation.contact_id };
  }
  if (input.senderBotId !== null) {
    const bot = await agentBotRepository.findById(ctx.db, input.senderBotId);
    if (bot && (bot.account_id === null || bot.account_id === ctx.accountId)) {
      return { sender_type: 'AgentBot', sender_id: bot.id };
    }
  }
  if (ctx.actor.type === 'User' || ctx.actor.type === 'AgentBot') {
    return { sender_type: ctx.actor.type, sender_id: ctx.actor.id };
  }
  return { sender_type: null, sender_id: null };
}

/** The message a reply points at, by id or by external id (InReplyToMessageBuilder). */
async function repliedTo(ctx: Ctx, conversation: ConversationRow, attributes: Json): Promise<MessageRow | undefined> {
  const id = Number(attributes.in_reply_to);
  if (attributes.in_reply_to !== undefined && attributes.in_reply_to !== null && attributes.in_reply_to !== '') {
    return Number.isSafeInteger(id) ? messageRepository.findById(ctx.db, ctx.accountId, conversation.id, id) : undefined;
  }
  const externalId = attributes.in_reply_to_external_id;
  return typeof externalId === 'string' && externalId !== ''
    ? messageRepository.findDelivered(ctx.db, conversation.id, { sourceId: externalId, echoId: null })
    : undefined;
}

/** content_attributes with external_created_at and the replied-to message's ids. */
async function contentAttributesOf(ctx: Ctx, conversation: ConversationRow, input: CreateMessageInput): Promise<Json> {
  const attributes: Json = { ...input.contentAttributes };
  if (input.externalCreatedAt !== null && input.externalCreatedAt !== '') {
    attributes.external_created_at = input.externalCreatedAt;
  }
  if (attributes.in_reply_to || attributes.in_reply_to_external_id) {
    const target = await repliedTo(ctx, conversation, attributes);
    attributes.in_reply_to_external_id = target?.source_id ?? null;
    attributes.in_reply_to = target?.id ?? null;
  }
  return attributes;
}

function additionalAttributesOf(input: CreateMessageInput): Json {
  return {
    ...(input.campaignId !== null ? { campaign_id: input.campaignId } : {}),
    ...(input.templateParams !== null ? { template_params: input.templateParams } : {}),
  };
}

/** Attachment rows for the stored uploads (MessageBuilder#process_attachments). */
async function attachUploads(ctx: Ctx, message: MessageRow, input: CreateMessageInput): Promise<void> {
  for (const upload of input.uploads) {
    const fileType = fileTypeOf(upload.contentType);
    await attachmentRepository.insert(ctx.db, {
      account_id: message.account_id, message_id: message.id, file_type: fileType, external_url: null,
      coordinates_lat: 0, coordinates_long: 0, fallback_title: null, extension: extensionOf(upload.filename),
      meta: input.isVoiceMessage && fileType === 1 ? { is_voice_message: true } : {},
      storage_key: upload.storageKey, filename: upload.filename, content_type: upload.contentType,
      byte_size: upload.byteSize, width: upload.width, height: upload.height,
    });
  }
}

/**
 * Creates a message in a conversation (Messages::MessageBuilder + Message callbacks).
 * Messages of one conversation are created one at a time (row lock). A message whose
 * source_id or echo_id was already delivered in the conversation is not created again:
 * the existing one comes back with `created: false`, and nothing else is written.
 */
export async function createMessage(ctx: Ctx, conversation: ConversationRow, input: CreateMessageInput): Promise<CreatedMessage> {
  const current = await messageRepository.lockConversation(ctx.db, ctx.accountId, conversation.id);
  const ids = { sourceId: input.sourceId, echoId: input.echoId };
  const delivered = await messageRepository.findDelivered(ctx.db, current.id, ids);
  if (delivered) {
    return { message: delivered, created: false };
  }
  const inbox = await inboxRepository.findById(ctx.db, ctx.accountId, current.inbox_id);
  if (!inbox) {
    throw unprocessable('Inbox must exist');
  }
  const messageType = checkMessageType(ctx, input.messageType, inbox);
  const contentAttributes = await contentAttributesOf(ctx, current, input);
  checkContentAttributes(input.contentType, contentAttributes);
  const message = await messageRepository.insertUnlessDelivered(ctx.db, {
    account_id: ctx.accountId, inbox_id: current.inbox_id, conversation_id: current.id, message_type: messageType,
    content_type: enumValue(CONTENT_TYPES, input.contentType), content: input.content, content_attributes: contentAttributes,
    private: input.private, status: 0, source_id: input.sourceId, echo_id: input.echoId,
    ...(await senderOf(ctx, current, input)), external_source_ids: {}, additional_attributes: additionalAttributesOf(input),
    processed_message_content: input.content, sentiment: {},
  });
  if (!message) {
    return { message: (await messageRepository.findDelivered(ctx.db, current.id, ids)) as MessageRow, created: false };
  }
  await attachUploads(ctx, message, input);
  await applyMessageEffects(ctx, { conversation: current, inbox, message });
  await sendMessageTemplates(ctx, { conversation: current, inbox, message });
  return { message, created: true };
}
