import type { FastifyRequest } from 'fastify';
import { withTransaction } from '../../../../context.js';
import { loadPublicConversationViews } from '../../../../finders/public-conversations.finder.js';
import { enqueueTranscript } from '../../../../jobs/send-conversation-transcript.job.js';
import { forbidden, notFound } from '../../../../lib/errors.js';
import { checkConversationAttributes } from '../../../../operations/conversations/check-conversation-attributes.js';
import { updateConversation } from '../../../../operations/conversations/update-conversation.js';
import { markConversationRead } from '../../../../operations/public/mark-conversation-read.js';
import { recordContactTyping } from '../../../../operations/public/record-contact-typing.js';
import { resolvePublicConversation } from '../../../../operations/public/resolve-public-conversation.js';
import { removeConversationCustomAttributes } from '../../../../operations/widget/remove-custom-attributes.js';
import { applyPreChatContact, createVisitorMessage, startWidgetConversation } from '../../../../operations/widget/start-widget-conversation.js';
import { presentWidgetConversation, presentWidgetNewConversation, WidgetConversationJson, WidgetNewConversationJson } from '../../../../presenters/widget.presenter.js';
import { presentConversationRaw, RawConversationJson } from '../../../../presenters/conversation-raw.presenter.js';
import type { RoutePlugin } from '../../../types.js';
import { CreateConversationBody, CustomAttributeKeysBody, SetConversationAttributesBody, TypingBody, WebsiteQuery } from './widget.schemas.js';
import { currentConversation, emptyBody, visitorOf, widgetCtx } from './widget-session.js';

const tags = ['Widget API'];
const END_CONVERSATION = 4;

/** What the browser tells about itself, kept on a new conversation (Widget::BaseController#browser_params). */
export function browserFacts(request: FastifyRequest): { browserLanguage: string | null; browser: Record<string, unknown> } {
  const language = (request.headers['accept-language'] ?? '').split(',')[0]?.split(';')[0]?.trim() || null;
  const agent = request.headers['user-agent'] ?? '';
  const name = /Edg\//.test(agent) ? 'Microsoft Edge' : /Firefox\//.test(agent) ? 'Firefox' : /Chrome\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : 'Unknown Browser';
  const platform = /Windows/.test(agent) ? 'Windows' : /Mac OS X/.test(agent) ? 'macOS' : /Android/.test(agent) ? 'Android' : /Linux/.test(agent) ? 'Linux' : /iPhone|iPad/.test(agent) ? 'iOS' : 'Unknown';
  const version = /(?:Chrome|Firefox|Version|Edg)\/([\d.]+)/.exec(agent)?.[1] ?? '0.0';
  return { browserLanguage: language, browser: { browser_name: name, browser_version: version, device_name: 'Unknown', platform_name: platform, platform_version: '0' } };
}

/** The visitor's conversations (Api::V1::Widget::ConversationsController). */
export const widgetConversationRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const secret = deps.env.secretKeyBase;
  /** The visitor and their latest conversation; 404 when there is none. */
  const current = async (request: FastifyRequest) => {
    const visitor = await visitorOf(request, db, secret);
    const conversation = await currentConversation(db, request, visitor.contactInbox);
    if (!conversation) {
      throw notFound();
    }
    return { ...visitor, conversation };
  };

  app.get('/', { schema: { tags, querystring: WebsiteQuery, response: { 200: WidgetConversationJson } } }, async (request) => {
    const visitor = await visitorOf(request, db, secret);
    return presentWidgetConversation(await currentConversation(db, request, visitor.contactInbox));
  });

  app.post('/', { preValidation: emptyBody, schema: { tags, querystring: WebsiteQuery, body: CreateConversationBody, response: { 200: WidgetNewConversationJson } } }, async (request) => {
    const visitor = await visitorOf(request, db, secret);
    const { contact: given = {}, message, custom_attributes: customAttributes } = request.body;
    const { conversation, contact } = await withTransaction(deps, async (tx) => {
      const ctx = widgetCtx(request, deps, tx, visitor.contact.id);
      const identified = await applyPreChatContact(ctx, visitor.contact, given);
      const started = await startWidgetConversation(ctx, { inbox: request.webWidget.inbox, contact: identified, contactInbox: visitor.contactInbox }, {
        ...browserFacts(request), referer: message.referer_url ?? null, timestamp: message.timestamp ?? null, customAttributes,
      });
      await createVisitorMessage(ctx, started, { content: message.content, echoId: message.echo_id ?? null, replyTo: message.reply_to ?? null });
      return { conversation: started, contact: identified };
    });
    const [view] = await loadPublicConversationViews(db, conversation.account_id, [conversation]);
    return presentWidgetNewConversation(conversation, view.messages, contact);
  });

  app.post('/update_last_seen', { preValidation: emptyBody, schema: { tags, querystring: WebsiteQuery } }, async (request, reply) => {
    const visitor = await visitorOf(request, db, secret);
    const conversation = await currentConversation(db, request, visitor.contactInbox);
    if (conversation) {
      await withTransaction(deps, (tx) => markConversationRead(widgetCtx(request, deps, tx, visitor.contact.id), conversation));
    }
    return reply.code(200).send();
  });

  app.post('/transcript', { preValidation: emptyBody, schema: { tags, querystring: WebsiteQuery } }, async (request, reply) => {
    const visitor = await visitorOf(request, db, secret);
    const conversation = await currentConversation(db, request, visitor.contactInbox);
    if (!conversation) {
      return reply.code(429).send();
    }
    if (visitor.contact.email) {
      await enqueueTranscript(deps, { accountId: conversation.account_id, conversationId: conversation.id, email: visitor.contact.email });
    }
    return reply.code(200).send();
  });

  app.post('/toggle_typing', { preValidation: emptyBody, schema: { tags, querystring: WebsiteQuery, body: TypingBody } }, async (request, reply) => {
    const { contact, conversation } = await current(request);
    await withTransaction(deps, (tx) => recordContactTyping(widgetCtx(request, deps, tx, contact.id), conversation, request.body.typing_status));
    return reply.code(200).send();
  });

  app.get('/toggle_status', { schema: { tags, querystring: WebsiteQuery } }, async (request, reply) => {
    const { contact, conversation } = await current(request);
    if ((request.webWidget.channel.feature_flags & END_CONVERSATION) === 0) {
      throw forbidden('Ending conversations is turned off for this inbox');
    }
    await withTransaction(deps, (tx) => resolvePublicConversation(widgetCtx(request, deps, tx, contact.id), conversation));
    return reply.code(200).send();
  });

  app.post('/set_custom_attributes', { schema: { tags, querystring: WebsiteQuery, body: SetConversationAttributesBody } }, async (request, reply) => {
    const { contact, conversation } = await current(request);
    checkConversationAttributes('custom_attributes', request.body.custom_attributes);
    await withTransaction(deps, (tx) =>
      updateConversation(widgetCtx(request, deps, tx, contact.id), conversation, { custom_attributes: request.body.custom_attributes }));
    return reply.code(204).send();
  });

  app.post('/destroy_custom_attributes', { preValidation: emptyBody, schema: { tags, querystring: WebsiteQuery, body: CustomAttributeKeysBody, response: { 200: RawConversationJson } } }, async (request) => {
    const { contact, conversation } = await current(request);
    const given = request.body.custom_attribute ?? [];
    const keys = Array.isArray(given) ? given : [given];
    const updated = await withTransaction(deps, (tx) => removeConversationCustomAttributes(widgetCtx(request, deps, tx, contact.id), conversation, keys));
    return presentConversationRaw(updated);
  });
};
