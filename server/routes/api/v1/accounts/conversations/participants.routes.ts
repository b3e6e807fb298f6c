import { Type } from '@sinclair/typebox';
import type { Deps } from '../../../../../context.js';
import {
  addConversationParticipants, removeConversationParticipants, replaceConversationParticipants,
} from '../../../../../operations/participants/conversation-participants.js';
import { AgentJson } from '../../../../../presenters/user.presenter.js';
import { conversationParticipantRepository } from '../../../../../repositories/conversation-participant.repository.js';
import type { RoutePlugin } from '../../../../types.js';
import { presentAgentsByIds } from '../agents/load-agents.js';
import { ConversationParams } from './conversations.schemas.js';
import { conversationOf, withLockedConversation } from './load-conversation.js';

/** `{user_ids: [...]}`; ids may come as strings. */
const ParticipantsBody = Type.Object({
  user_ids: Type.Array(Type.Union([Type.Integer(), Type.String({ maxLength: 20 })]), { maxItems: 1000 }),
});
const ParticipantsResponse = { 200: Type.Array(AgentJson) };
const EmptyResponse = { 200: Type.Null({ description: 'Empty body' }) };

/** The participants as agents (Chatwoot answers a bare array). */
async function participantsOf(deps: Deps, accountId: number, conversationId: number) {
  const db = deps.db.kysely;
  return presentAgentsByIds(db, accountId, await conversationParticipantRepository.listUserIds(db, accountId, conversationId), deps.presence);
}

/** `/conversations/:conversation_id/participants`: list, add, replace, remove (anyone who may see the conversation). */
export const participantRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const tags = ['Conversation participants'];

  app.get('/', { schema: { tags, params: ConversationParams, response: ParticipantsResponse } }, async (request) => {
    const conversation = await conversationOf(db, request);
    return participantsOf(deps, request.account.id, conversation.id);
  });

  app.post('/', { schema: { tags, params: ConversationParams, body: ParticipantsBody, response: ParticipantsResponse } }, async (request) => {
    const conversation = await conversationOf(db, request);
    const added = await withLockedConversation(deps, request, conversation,
      (ctx, locked) => addConversationParticipants(ctx, locked, request.body.user_ids));
    return presentAgentsByIds(db, request.account.id, added, deps.presence);
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/',
    schema: { tags, params: ConversationParams, body: ParticipantsBody, response: ParticipantsResponse },
    handler: async (request) => {
      const conversation = await conversationOf(db, request);
      await withLockedConversation(deps, request, conversation,
        (ctx, locked) => replaceConversationParticipants(ctx, locked, request.body.user_ids));
      return participantsOf(deps, request.account.id, conversation.id);
    },
  });

  app.delete('/', { schema: { tags, params: ConversationParams, body: ParticipantsBody, response: EmptyResponse } }, async (request, reply) => {
    const conversation = await conversationOf(db, request);
    await withLockedConversation(deps, request, conversation,
      (ctx, locked) => removeConversationParticipants(ctx, locked, request.body.user_ids));
    return reply.code(200).send(undefined as never);
  });
};
