import { notFound } from '../../../../../lib/errors.js';
import { assignConversation } from '../../../../../operations/conversations/assign-conversation.js';
import { replaceConversationLabels } from '../../../../../operations/conversations/replace-conversation-labels.js';
import { setConversationTeam } from '../../../../../operations/conversations/set-conversation-team.js';
import { presentAgentBotSlim } from '../../../../../presenters/agent-bot.presenter.js';
import { presentTeamRaw } from '../../../../../presenters/team.presenter.js';
import { presentAgent } from '../../../../../presenters/user.presenter.js';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import { teamRepository } from '../../../../../repositories/team.repository.js';
import type { RoutePlugin } from '../../../../types.js';
import { AssignmentBody, AssignmentResponse, ConversationParams, LabelsBody, LabelsResponse } from './conversations.schemas.js';
import { conversationOf, emptyBodyAsObject, withLockedConversation } from './load-conversation.js';

/** Who handles a conversation (agent, bot, team) and its labels. */
export const conversationAssignmentRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;

  app.post('/:conversation_id/assignments', {
    config: { botAllowed: true },
    preValidation: emptyBodyAsObject,
    schema: { tags: ['Conversation assignments'], params: ConversationParams, body: AssignmentBody, response: AssignmentResponse },
  }, async (request, reply) => {
    const conversation = await conversationOf(db, request, 'assign');
    const body = request.body;
    const assigneeType = body.assignee_type === 'AgentBot' ? 'AgentBot' : 'User';
    if ('assignee_id' in body || assigneeType === 'AgentBot') {
      const assigned = await withLockedConversation(deps, request, conversation, (ctx, locked) =>
        assignConversation(ctx, locked, { assigneeId: body.assignee_id || null, assigneeType }));
      return assigned.bot ? presentAgentBotSlim(assigned.bot)
        : assigned.user ? presentAgent(assigned.user.user, assigned.user.membership) : reply.send(null);
    }
    if (!('team_id' in body)) {
      return reply.send(null);
    }
    const team = body.team_id ? await teamRepository.findById(db, request.account.id, body.team_id) : null;
    if (team === undefined) {
      throw notFound();
    }
    await withLockedConversation(deps, request, conversation, (ctx, locked) => setConversationTeam(ctx, locked, team));
    return team ? presentTeamRaw(team) : reply.send(null);
  });

  app.get('/:conversation_id/labels', {
    config: { botAllowed: true },
    schema: { tags: ['Conversation labels'], params: ConversationParams, response: LabelsResponse },
  }, async (request) => {
    const conversation = await conversationOf(db, request);
    return { payload: await taggingRepository.listTitles(db, request.account.id, 'Conversation', conversation.id) };
  });

  app.post('/:conversation_id/labels', {
    config: { botAllowed: true },
    preValidation: emptyBodyAsObject,
    schema: { tags: ['Conversation labels'], params: ConversationParams, body: LabelsBody, response: LabelsResponse },
  }, async (request) => {
    const conversation = await conversationOf(db, request, 'update');
    const result = await withLockedConversation(deps, request, conversation,
      (ctx, locked) => replaceConversationLabels(ctx, locked, request.body.labels ?? []));
    return { payload: result.labels };
  });
};
