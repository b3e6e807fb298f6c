import { Type } from '@sinclair/typebox';
import { withTransaction } from '../../../../context.js';
import { replaceConversationLabels } from '../../../../operations/conversations/replace-conversation-labels.js';
import { recordWidgetEvent } from '../../../../operations/widget/record-widget-event.js';
import { availabilityStatus, availableName } from '../../../../presenters/user.presenter.js';
import { WidgetAgentJson } from '../../../../presenters/widget.presenter.js';
import { accountUserRepository } from '../../../../repositories/account-user.repository.js';
import { inboxMemberRepository } from '../../../../repositories/inbox-member.repository.js';
import { labelRepository } from '../../../../repositories/label.repository.js';
import { userRepository } from '../../../../repositories/user.repository.js';
import type { RoutePlugin } from '../../../types.js';
import { browserFacts } from './conversations.routes.js';
import { EventBody, LabelBody, LabelParams, WebsiteQuery } from './widget.schemas.js';
import { currentConversation, emptyBody, visitorOf, widgetCtx } from './widget-session.js';

const tags = ['Widget API'];

function labelsOf(list: string): string[] {
  return list.split(',').map((l) => l.trim()).filter((l) => l !== '');
}

/** Events, labels, the inbox's agents and campaigns (Api::V1::Widget::EventsController, LabelsController, InboxMembersController). */
export const widgetMiscRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const secret = deps.env.secretKeyBase;

  app.post('/events', { preValidation: emptyBody, schema: { tags, querystring: WebsiteQuery, body: EventBody } }, async (request, reply) => {
    const { contact, contactInbox } = await visitorOf(request, db, secret);
    const { browserLanguage, browser } = browserFacts(request);
    const info = { ...(request.body.event_info ?? {}), widget_language: request.query.locale ?? null, browser_language: browserLanguage, browser };
    await withTransaction(deps, (tx) => recordWidgetEvent(widgetCtx(request, deps, tx, contact.id), contactInbox, request.body.name, info));
    return reply.code(204).send();
  });

  app.post('/labels', { preValidation: emptyBody, schema: { tags, querystring: WebsiteQuery, body: LabelBody } }, async (request, reply) => {
    const { contact, contactInbox } = await visitorOf(request, db, secret);
    const conversation = await currentConversation(db, request, contactInbox);
    const known = await labelRepository.existingTitles(db, request.webWidget.account.id, [request.body.label]);
    if (conversation && known.length > 0) {
      await withTransaction(deps, (tx) => replaceConversationLabels(widgetCtx(request, deps, tx, contact.id), conversation,
        [...new Set([...labelsOf(conversation.cached_label_list), ...known])]));
    }
    return reply.code(204).send();
  });

  app.delete('/labels/:id', { schema: { tags, querystring: WebsiteQuery, params: LabelParams } }, async (request, reply) => {
    const { contact, contactInbox } = await visitorOf(request, db, secret);
    const conversation = await currentConversation(db, request, contactInbox);
    if (conversation) {
      await withTransaction(deps, (tx) => replaceConversationLabels(widgetCtx(request, deps, tx, contact.id), conversation,
        labelsOf(conversation.cached_label_list).filter((l) => l !== request.params.id)));
    }
    return reply.code(204).send();
  });

  app.get('/inbox_members', { schema: { tags, querystring: WebsiteQuery, response: { 200: Type.Object({ payload: Type.Array(WidgetAgentJson) }) } } }, async (request) => {
    const { inbox, account } = request.webWidget;
    const ids = await inboxMemberRepository.listUserIds(db, inbox.id);
    const [users, memberships] = await Promise.all([userRepository.findByIds(db, ids), accountUserRepository.findMany(db, account.id, ids)]);
    const online = new Set(await deps.presence.onlineIds(account.id, 'User'));
    return {
      payload: ids.flatMap((id) => {
        const user = users.find((u) => u.id === id);
        const membership = memberships.find((m) => m.user_id === id) ?? null;
        return user ? [{ id, name: availableName(user), avatar_url: user.avatar_url ?? '', availability_status: membership ? availabilityStatus(membership, online.has(String(id))) : null }] : [];
      }),
    };
  });

  app.get('/campaigns', { schema: { tags, querystring: WebsiteQuery } }, async () => []);
};
