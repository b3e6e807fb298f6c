import { withTransaction } from '../../../../../context.js';
import { loadMessageViews } from '../../../../../finders/message-views.finder.js';
import { findConversationMessages } from '../../../../../finders/message-list.finder.js';
import { forbidden, notFound } from '../../../../../lib/errors.js';
import { createMessage, type CreateMessageInput } from '../../../../../operations/messages/create-message.js';
import { deleteMessage } from '../../../../../operations/messages/delete-message.js';
import { updateMessageStatus } from '../../../../../operations/messages/update-message-status.js';
import { presentMessagesMeta } from '../../../../../presenters/message-list.presenter.js';
import { presentMessage } from '../../../../../presenters/message.presenter.js';
import { inboxRepository } from '../../../../../repositories/inbox.repository.js';
import { messageRepository } from '../../../../../repositories/message.repository.js';
import type { StoredUpload } from '../../../../../storage/attachment-files.js';
import { fileStore } from '../../../../../storage/file-store.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { conversationOf } from './messages.access.js';
import {
  CreateMessageBody, type CreateMessageBodyT, ListMessagesQuery, MessageParams, MessageResponse, MessagesListResponse,
  MessagesParams, UpdateMessageBody,
} from './messages.schemas.js';
import { discardUnkeptUploads, keepUploads, readMultipartMessage, uploadsOf } from './messages.uploads.js';

const tags = ['Messages'];

/** content_attributes as an object: a JSON string is parsed, anything else that is not an object is `{}` (MessageBuilder). */
function parseContentAttributes(value: CreateMessageBodyT['content_attributes']): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return value ?? {};
}

/** The operation's input from the request body and the stored uploads. */
function createInputOf(body: CreateMessageBodyT, uploads: StoredUpload[]): CreateMessageInput {
  return {
    content: body.content ?? null, messageType: body.message_type ?? 'outgoing', private: body.private ?? false,
    contentType: body.content_type ?? 'text', contentAttributes: parseContentAttributes(body.content_attributes),
    echoId: body.echo_id ?? null, sourceId: body.source_id ?? null, externalCreatedAt: body.external_created_at ?? null,
    campaignId: body.campaign_id ?? null, templateParams: body.template_params ?? null,
    senderBotId: body.sender_type === 'AgentBot' ? (body.sender_id ?? null) : null,
    isVoiceMessage: body.is_voice_message ?? false, uploads,
  };
}

/** Messages of a conversation: list, create, update status, delete (Chatwoot's conversations/messages_controller). */
export const messageRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;

  app.get('/', { schema: { tags, params: MessagesParams, querystring: ListMessagesQuery, response: MessagesListResponse } }, async (request) => {
    const conversation = await conversationOf(request, deps);
    const { meta, views } = await findConversationMessages(db, conversation, request.query);
    return { meta: presentMessagesMeta(meta), payload: views.map(presentMessage) };
  });

  app.post('/', {
    config: { botAllowed: true },
    schema: {
      tags, params: MessagesParams, body: CreateMessageBody, response: MessageResponse, consumes: ['application/json', 'multipart/form-data'],
      description: 'Creates a message; files go in multipart `attachments[]`. A retry with an already delivered `source_id` or `echo_id` answers 200 with the first message and creates nothing.',
    },
    preValidation: readMultipartMessage(deps),
    ...discardUnkeptUploads(deps),
  }, async (request) => {
    const conversation = await conversationOf(request, deps);
    const input = createInputOf(request.body, uploadsOf(request));
    const { message, created } = await withTransaction(deps, (tx) => createMessage(ctxOf(request, deps, tx), conversation, input));
    if (created) {
      keepUploads(request);
    }
    const [view] = await loadMessageViews(db, request.account.id, [message]);
    return presentMessage(view);
  });

  app.patch('/:id', { schema: { tags, params: MessageParams, body: UpdateMessageBody, response: MessageResponse } }, async (request) => {
    const conversation = await conversationOf(request, deps);
    const inbox = await inboxRepository.findById(db, request.account.id, conversation.inbox_id);
    if (inbox?.channel_type !== 'Channel::Api') {
      throw forbidden('Message status update is only allowed for API inboxes');
    }
    const found = await messageRepository.findById(db, request.account.id, conversation.id, request.params.id);
    if (!found) {
      throw notFound();
    }
    const { status, external_error: externalError } = request.body;
    const message = status === undefined ? found : await withTransaction(deps, (tx) =>
      updateMessageStatus(ctxOf(request, deps, tx), found, { status, externalError: externalError ?? null }));
    const [view] = await loadMessageViews(db, request.account.id, [message]);
    return presentMessage(view);
  });

  app.delete('/:id', { schema: { tags, params: MessageParams, response: MessageResponse } }, async (request) => {
    const conversation = await conversationOf(request, deps);
    const found = await messageRepository.findById(db, request.account.id, conversation.id, request.params.id);
    if (!found) {
      throw notFound();
    }
    const { message, removedAttachments } = await withTransaction(deps, (tx) => deleteMessage(ctxOf(request, deps, tx), found));
    await fileStore.remove(deps.env.storageDir, removedAttachments.flatMap((a) => (a.storage_key ? [a.storage_key] : [])));
    const [view] = await loadMessageViews(db, request.account.id, [message]);
    return presentMessage(view);
  });
};
