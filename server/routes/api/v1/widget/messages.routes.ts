import { CONTENT_TYPES, enumValue } from '../../../../../common/enums.js';
import { withTransaction } from '../../../../context.js';
import { cursorOf } from '../../../../finders/message-list.finder.js';
import { loadMessageViews } from '../../../../finders/message-views.finder.js';
import { findPublicMessage } from '../../../../finders/public-conversations.finder.js';
import { now, toUnix } from '../../../../lib/clock.js';
import { notFound } from '../../../../lib/errors.js';
import { identifyContact } from '../../../../operations/contacts/identify-contact.js';
import { submitMessageValues } from '../../../../operations/public/submit-message-values.js';
import { submitMessageEmail } from '../../../../operations/widget/submit-message-email.js';
import { createVisitorMessage, startWidgetConversation } from '../../../../operations/widget/start-widget-conversation.js';
import { presentContactRaw } from '../../../../presenters/public-contact.presenter.js';
import { presentPublicMessage } from '../../../../presenters/public-message.presenter.js';
import { presentWidgetCreatedMessage } from '../../../../presenters/widget.presenter.js';
import { messageRepository } from '../../../../repositories/message.repository.js';
import type { RoutePlugin } from '../../../types.js';
import { discardUnkeptUploads, keepUploads, readMultipartMessage, uploadsOf } from '../accounts/conversations/messages.uploads.js';
import { browserFacts } from './conversations.routes.js';
import { CreateMessageBody, MessageIdParams, MessagesQuery, UpdateMessageBody, WebsiteQuery } from './widget.schemas.js';
import { currentConversation, emptyBody, visitorOf, widgetCtx } from './widget-session.js';

const tags = ['Widget API'];

/** Messages of the visitor's current conversation (Api::V1::Widget::MessagesController). */
export const widgetMessageRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const secret = deps.env.secretKeyBase;

  app.get('/', { schema: { tags, querystring: MessagesQuery } }, async (request) => {
    const { contactInbox } = await visitorOf(request, db, secret);
    const conversation = await currentConversation(db, request, contactInbox);
    if (!conversation) {
      return { payload: [], meta: {} };
    }
    const rows = await messageRepository.listPage(db, conversation.id, cursorOf({ before: request.query.before, after: request.query.after }), true);
    const views = await loadMessageViews(db, conversation.account_id, rows);
    return { payload: views.map(presentPublicMessage), meta: { contact_last_seen_at: toUnix(conversation.contact_last_seen_at) ?? 0 } };
  });

  app.post('/', {
    schema: { tags, querystring: WebsiteQuery, body: CreateMessageBody, consumes: ['application/json', 'multipart/form-data'] },
    preValidation: [readMultipartMessage(deps, (request) => visitorOf(request, db, secret)), emptyBody],
    ...discardUnkeptUploads(deps),
  }, async (request) => {
    const visitor = await visitorOf(request, db, secret);
    const message = request.body.message ?? {};
    const uploads = uploadsOf(request);
    const created = await withTransaction(deps, async (tx) => {
      const ctx = widgetCtx(request, deps, tx, visitor.contact.id);
      const conversation = await currentConversation(tx, request, visitor.contactInbox)
        ?? await startWidgetConversation(ctx, { inbox: request.webWidget.inbox, ...visitor }, {
          ...browserFacts(request), referer: message.referer_url ?? null, timestamp: message.timestamp ?? null,
          customAttributes: request.body.custom_attributes, labels: request.body.labels,
        });
      return createVisitorMessage(ctx, conversation, { content: message.content ?? null, echoId: message.echo_id ?? null, replyTo: message.reply_to ?? null, uploads });
    });
    if (created.created) {
      keepUploads(request);
    }
    const [view] = await loadMessageViews(db, created.message.account_id, [created.message]);
    return presentWidgetCreatedMessage(view);
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    preValidation: emptyBody,
    schema: { tags, querystring: WebsiteQuery, params: MessageIdParams, body: UpdateMessageBody },
    handler: async (request) => {
      const visitor = await visitorOf(request, db, secret);
      const found = await findPublicMessage(db, visitor.contactInbox, request.webWidget.account.id, request.params.id);
      if (!found) {
        throw notFound();
      }
      const contact = await withTransaction(deps, async (tx) => {
        const ctx = widgetCtx(request, deps, tx, visitor.contact.id);
        if (found.content_type !== enumValue(CONTENT_TYPES, 'input_email')) {
          await submitMessageValues(ctx, found, request.body.message?.submitted_values, now());
          return visitor.contact;
        }
        const email = request.body.contact?.email ?? '';
        await submitMessageEmail(ctx, found, email);
        return identifyContact(ctx, visitor.contact, { email, name: request.body.contact?.name ?? null });
      });
      return { contact: presentContactRaw(contact) };
    },
  });
};
