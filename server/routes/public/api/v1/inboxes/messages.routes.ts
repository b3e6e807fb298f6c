import { withTransaction } from '../../../../../context.js';
import { cursorOf } from '../../../../../finders/message-list.finder.js';
import { loadMessageViews } from '../../../../../finders/message-views.finder.js';
import { now } from '../../../../../lib/clock.js';
import { createMessage } from '../../../../../operations/messages/create-message.js';
import { submitMessageValues } from '../../../../../operations/public/submit-message-values.js';
import { presentPublicMessage } from '../../../../../presenters/public-message.presenter.js';
import { messageRepository } from '../../../../../repositories/message.repository.js';
import type { RoutePlugin } from '../../../../types.js';
import {
  discardUnkeptUploads, keepUploads, readMultipartMessage, uploadsOf,
} from '../../../../api/v1/accounts/conversations/messages.uploads.js';
import {
  ConversationParams, CreateMessageBody, MessageParams, MessagesQuery, PublicMessageListResponse, PublicMessageResponse,
  UpdateMessageBody,
} from './public.schemas.js';
import { emptyBodyAsObject, pathId, publicConversationOf, publicCtx, publicNotFound, sessionOf } from './public-session.js';

const tags = ['Messages API'];

/** Messages of the contact's conversation (Public::Api::V1::Inboxes::MessagesController). */
export const publicMessageRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const present = async (accountId: number, rows: Parameters<typeof loadMessageViews>[2]) =>
    (await loadMessageViews(db, accountId, rows)).map(presentPublicMessage);

  app.get('/', { schema: { tags, params: ConversationParams, querystring: MessagesQuery, response: PublicMessageListResponse } }, async (request) => {
    const { contactInbox } = await sessionOf(request, db);
    const conversation = await publicConversationOf(request, db, contactInbox);
    const rows = await messageRepository.listPage(db, conversation.id, cursorOf({ before: request.query.before }), true);
    return present(conversation.account_id, rows);
  });

  app.post('/', {
    schema: {
      tags, params: ConversationParams, body: CreateMessageBody, response: PublicMessageResponse, consumes: ['application/json', 'multipart/form-data'],
      description: 'Creates an incoming message from the contact; files go in multipart `attachments[]`.',
    },
    preValidation: [readMultipartMessage(deps, async (request) => publicConversationOf(request, db, (await sessionOf(request, db)).contactInbox)), emptyBodyAsObject],
    ...discardUnkeptUploads(deps),
  }, async (request) => {
    const { contactInbox, contact } = await sessionOf(request, db);
    const conversation = await publicConversationOf(request, db, contactInbox);
    const input = {
      content: request.body.content ?? null, messageType: 'incoming' as const, private: false, contentType: 'text' as const,
      contentAttributes: {}, echoId: request.body.echo_id ?? null, sourceId: null, externalCreatedAt: null, campaignId: null,
      templateParams: null, senderBotId: null, isVoiceMessage: false, uploads: uploadsOf(request),
    };
    const { message, created } = await withTransaction(deps, (tx) => createMessage(publicCtx(request, deps, tx, contact.id), conversation, input));
    if (created) {
      keepUploads(request);
    }
    return (await present(conversation.account_id, [message]))[0];
  });

  app.patch('/:message_id', {
    preValidation: emptyBodyAsObject,
    schema: { tags, params: MessageParams, body: UpdateMessageBody, response: PublicMessageResponse },
  }, async (request) => {
    const { contactInbox, contact } = await sessionOf(request, db);
    const conversation = await publicConversationOf(request, db, contactInbox);
    const found = await messageRepository.findById(db, conversation.account_id, conversation.id, pathId(request.params.message_id));
    if (!found) {
      throw publicNotFound();
    }
    const message = await withTransaction(deps, (tx) =>
      submitMessageValues(publicCtx(request, deps, tx, contact.id), found, request.body.submitted_values, now()));
    return (await present(conversation.account_id, [message]))[0];
  });
};
