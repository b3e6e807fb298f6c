import { CONVERSATION_STATUSES, enumName } from '../../../../../../common/enums.js';
import { toIso } from '../../../../../lib/clock.js';
import { checkConversationAttributes } from '../../../../../operations/conversations/check-conversation-attributes.js';
import { markConversationSeen } from '../../../../../operations/conversations/mark-conversation-seen.js';
import { markConversationUnread } from '../../../../../operations/conversations/mark-conversation-unread.js';
import { muteConversation, unmuteConversation } from '../../../../../operations/conversations/mute-conversation.js';
import { toggleConversationStatus } from '../../../../../operations/conversations/toggle-conversation-status.js';
import { updateConversation } from '../../../../../operations/conversations/update-conversation.js';
import type { RoutePlugin } from '../../../../types.js';
import {
  ConversationParams, ConversationResponse, CustomAttributesBody, CustomAttributesResponse, EmptyResponse, TogglePriorityBody,
  ToggleStatusBody, ToggleStatusResponse,
} from './conversations.schemas.js';
import { conversationOf, emptyBodyAsObject, presentConversationRow, priorityValue, withLockedConversation } from './load-conversation.js';

/** Member actions of a conversation: status, priority, custom attributes, read marks, mute. */
export const conversationActionRoutes: RoutePlugin = (app, deps) => {
  const tags = ['Conversations'];
  const db = deps.db.kysely;

  app.post('/:conversation_id/toggle_status', {
    config: { botAllowed: true },
    preValidation: emptyBodyAsObject,
    schema: { tags, params: ConversationParams, body: ToggleStatusBody, response: ToggleStatusResponse },
  }, async (request) => {
    const conversation = await conversationOf(db, request, 'update');
    const { status, snoozed_until: snoozedUntil } = request.body;
    const result = await withLockedConversation(deps, request, conversation, (ctx, locked) => toggleConversationStatus(ctx, locked, {
      status: status || undefined,
      snoozedUntil: snoozedUntil === undefined || snoozedUntil === null ? undefined : snoozedUntil * 1000,
    }));
    const c = result.conversation;
    return {
      meta: {},
      payload: {
        success: result.success, conversation_id: c.display_id,
        current_status: enumName(CONVERSATION_STATUSES, c.status) ?? 'open', snoozed_until: toIso(c.snoozed_until),
      },
    };
  });

  app.post('/:conversation_id/toggle_priority', {
    config: { botAllowed: true },
    preValidation: emptyBodyAsObject,
    schema: { tags, params: ConversationParams, body: TogglePriorityBody, response: EmptyResponse },
  }, async (request, reply) => {
    const conversation = await conversationOf(db, request, 'update');
    const priority = priorityValue(request.body.priority);
    await withLockedConversation(deps, request, conversation, (ctx, locked) => updateConversation(ctx, locked, { priority }));
    return reply.code(200).send(undefined as never);
  });

  app.post('/:conversation_id/custom_attributes', {
    config: { botAllowed: true },
    preValidation: emptyBodyAsObject,
    schema: { tags, params: ConversationParams, body: CustomAttributesBody, response: CustomAttributesResponse },
  }, async (request) => {
    const conversation = await conversationOf(db, request, 'update');
    const attributes = request.body.custom_attributes ?? {};
    checkConversationAttributes('custom_attributes', attributes);
    const updated = await withLockedConversation(deps, request, conversation,
      (ctx, locked) => updateConversation(ctx, locked, { custom_attributes: attributes }));
    return { custom_attributes: updated.custom_attributes };
  });

  app.post('/:conversation_id/update_last_seen', {
    schema: { tags, params: ConversationParams, response: ConversationResponse },
  }, async (request) => {
    const conversation = await conversationOf(db, request, 'update');
    const updated = await withLockedConversation(deps, request, conversation, (ctx, locked) => markConversationSeen(ctx, locked));
    return presentConversationRow(db, request.actor, updated);
  });

  app.post('/:conversation_id/unread', {
    schema: { tags, params: ConversationParams, response: ConversationResponse },
  }, async (request) => {
    const conversation = await conversationOf(db, request, 'update');
    const updated = await withLockedConversation(deps, request, conversation, (ctx, locked) => markConversationUnread(ctx, locked));
    return presentConversationRow(db, request.actor, updated);
  });

  for (const [path, operation] of [['mute', muteConversation], ['unmute', unmuteConversation]] as const) {
    app.post(`/:conversation_id/${path}`, {
      preValidation: emptyBodyAsObject,
      schema: { tags, params: ConversationParams, response: EmptyResponse },
    }, async (request, reply) => {
      const conversation = await conversationOf(db, request, 'update');
      await withLockedConversation(deps, request, conversation, (ctx, locked) => operation(ctx, locked));
      return reply.code(200).send(undefined as never);
    });
  }
};
