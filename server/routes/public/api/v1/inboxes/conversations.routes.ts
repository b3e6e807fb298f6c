import { withTransaction } from '../../../../../context.js';
import { listPublicConversations, loadPublicConversationViews } from '../../../../../finders/public-conversations.finder.js';
import { createConversation } from '../../../../../operations/conversations/create-conversation.js';
import { markConversationRead } from '../../../../../operations/public/mark-conversation-read.js';
import { recordContactTyping } from '../../../../../operations/public/record-contact-typing.js';
import { resolvePublicConversation } from '../../../../../operations/public/resolve-public-conversation.js';
import { presentPublicConversation } from '../../../../../presenters/public-conversation.presenter.js';
import type { RoutePlugin } from '../../../../types.js';
import {
  ConversationParams, CreateConversationBody, EmptyResponse, PublicConversationListResponse, PublicConversationResponse,
  SessionParams, ToggleTypingBody,
} from './public.schemas.js';
import { emptyBodyAsObject, publicConversationOf, publicCtx, sessionOf } from './public-session.js';

const tags = ['Conversations API'];

/** The contact's conversations (Public::Api::V1::Inboxes::ConversationsController). */
export const publicConversationRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const present = async (accountId: number, rows: Parameters<typeof loadPublicConversationViews>[2]) =>
    (await loadPublicConversationViews(db, accountId, rows)).map(presentPublicConversation);

  app.get('/', { schema: { tags, params: SessionParams, response: PublicConversationListResponse } }, async (request) => {
    const { contactInbox } = await sessionOf(request, db);
    const accountId = request.publicInbox.account.id;
    return present(accountId, await listPublicConversations(db, contactInbox, accountId));
  });

  app.post('/', {
    preValidation: emptyBodyAsObject,
    schema: { tags, params: SessionParams, body: CreateConversationBody, response: PublicConversationResponse },
  }, async (request) => {
    const { contactInbox, contact } = await sessionOf(request, db);
    const target = { inbox: request.publicInbox.inbox, contact, contactInbox, sourceId: contactInbox.source_id };
    const conversation = await withTransaction(deps, (tx) => createConversation(publicCtx(request, deps, tx, contact.id), {
      target, hmacVerified: contactInbox.hmac_verified, customAttributes: request.body.custom_attributes ?? {},
    }));
    return (await present(conversation.account_id, [conversation]))[0];
  });

  app.get('/:conversation_id', { schema: { tags, params: ConversationParams, response: PublicConversationResponse } }, async (request) => {
    const { contactInbox } = await sessionOf(request, db);
    const conversation = await publicConversationOf(request, db, contactInbox);
    return (await present(conversation.account_id, [conversation]))[0];
  });

  app.post('/:conversation_id/toggle_status', { schema: { tags, params: ConversationParams, response: PublicConversationResponse } }, async (request) => {
    const { contactInbox, contact } = await sessionOf(request, db);
    const conversation = await publicConversationOf(request, db, contactInbox);
    const resolved = await withTransaction(deps, (tx) => resolvePublicConversation(publicCtx(request, deps, tx, contact.id), conversation));
    return (await present(resolved.account_id, [resolved]))[0];
  });

  app.post('/:conversation_id/toggle_typing', {
    preValidation: emptyBodyAsObject,
    schema: { tags, params: ConversationParams, body: ToggleTypingBody, response: EmptyResponse },
  }, async (request, reply) => {
    const { contactInbox, contact } = await sessionOf(request, db);
    const conversation = await publicConversationOf(request, db, contactInbox);
    const typingStatus = request.body.typing_status ?? undefined;
    await withTransaction(deps, (tx) => recordContactTyping(publicCtx(request, deps, tx, contact.id), conversation, typingStatus));
    return reply.code(200).send(undefined as never);
  });

  app.post('/:conversation_id/update_last_seen', { schema: { tags, params: ConversationParams, response: EmptyResponse } }, async (request, reply) => {
    const { contactInbox, contact } = await sessionOf(request, db);
    const conversation = await publicConversationOf(request, db, contactInbox);
    await withTransaction(deps, (tx) => markConversationRead(publicCtx(request, deps, tx, contact.id), conversation));
    return reply.code(200).send(undefined as never);
  });
};
