import type { Static } from '@sinclair/typebox';
import { withTransaction } from '../../../../../context.js';
import { countConversations, findConversations, type ConversationListParams } from '../../../../../finders/conversation.finder.js';
import { unauthorized } from '../../../../../lib/errors.js';
import { createConversation } from '../../../../../operations/conversations/create-conversation.js';
import { resolveConversationTarget } from '../../../../../operations/conversations/resolve-conversation-target.js';
import { updateConversation } from '../../../../../operations/conversations/update-conversation.js';
import { mayUseInbox } from '../../../../../policies/conversation.policy.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { conversationActionRoutes } from './conversation-actions.routes.js';
import { conversationFilterRoutes } from './conversations-filter.routes.js';
import { conversationAssignmentRoutes } from './conversation-assignments.routes.js';
import {
  AccountParams, ConversationListQuery, ConversationListResponse, ConversationMetaResponse, ConversationParams,
  ConversationResponse, CreateConversationBody, UpdateConversationBody,
} from './conversations.schemas.js';
import { conversationOf, emptyBodyAsObject, presentConversationRow, presentConversationRows, priorityValue, withLockedConversation } from './load-conversation.js';

/** The finder's params from the query string (`labels[]` and `labels` both name the label list). */
function listParams(query: Static<typeof ConversationListQuery>): ConversationListParams {
  const { 'labels[]': bracketed, labels, ...rest } = query;
  return { ...rest, labels: [...(labels ?? []), ...(bracketed ?? [])] } as ConversationListParams;
}

/** Epoch ms from Unix seconds or an ISO string. */
function epochMs(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === 'number' ? value * 1000 : Date.parse(value);
}

/** Conversations: list, meta, create, show, update, and the member actions registered below. */
export const conversationRoutes: RoutePlugin = async (app, deps) => {
  const tags = ['Conversations'];
  const db = deps.db.kysely;

  app.get('/', { schema: { tags, params: AccountParams, querystring: ConversationListQuery, response: ConversationListResponse } }, async (request) => {
    const { conversations, counts } = await findConversations(db, request.actor, request.account.id, listParams(request.query));
    return { data: { meta: counts, payload: await presentConversationRows(db, request.actor, request.account.id, conversations) } };
  });

  app.get('/meta', { schema: { tags, params: AccountParams, querystring: ConversationListQuery, response: ConversationMetaResponse } }, async (request) => {
    return { meta: await countConversations(db, request.actor, request.account.id, listParams(request.query)) };
  });

  app.post('/', {
    config: { botAllowed: true },
    schema: { tags, params: AccountParams, body: CreateConversationBody, response: ConversationResponse },
  }, async (request) => {
    const body = request.body;
    const target = await resolveConversationTarget(ctxOf(request, deps), { sourceId: body.source_id, inboxId: body.inbox_id, contactId: body.contact_id });
    if (!(await mayUseInbox(db, request.actor, target.inbox.id))) {
      throw unauthorized();
    }
    const conversation = await withTransaction(deps, (tx) => createConversation(ctxOf(request, deps, tx), {
      target, hmacVerified: body.hmac_verified ?? false, status: body.status || undefined,
      assigneeId: body.assignee_id || null, teamId: body.team_id || null, snoozedUntil: epochMs(body.snoozed_until),
      additionalAttributes: body.additional_attributes ?? {}, customAttributes: body.custom_attributes ?? {},
      message: body.message ? { content: body.message.content ?? null, templateParams: body.message.template_params ?? null } : undefined,
    }));
    return presentConversationRow(db, request.actor, conversation);
  });

  app.get('/:conversation_id', {
    config: { botAllowed: true },
    schema: { tags, params: ConversationParams, response: ConversationResponse },
  }, async (request) => {
    const conversation = await conversationOf(db, request);
    return presentConversationRow(db, request.actor, conversation);
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:conversation_id',
    config: { botAllowed: true },
    preValidation: emptyBodyAsObject,
    schema: { tags, params: ConversationParams, body: UpdateConversationBody, response: ConversationResponse },
    handler: async (request) => {
      const conversation = await conversationOf(db, request, 'update');
      const updated = request.body.priority === undefined ? conversation : await withLockedConversation(deps, request, conversation,
        (ctx, locked) => updateConversation(ctx, locked, { priority: priorityValue(request.body.priority) }));
      return presentConversationRow(db, request.actor, updated);
    },
  });

  await conversationFilterRoutes(app, deps);
  await conversationActionRoutes(app, deps);
  await conversationAssignmentRoutes(app, deps);
};
