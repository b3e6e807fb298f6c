import type { FastifyRequest } from 'fastify';
import { withTransaction } from '../../../../../context.js';
import { notFound } from '../../../../../lib/errors.js';
import { setInboxAgentBot } from '../../../../../operations/agent-bots/set-inbox-agent-bot.js';
import { authorizeAgentBot } from '../../../../../policies/agent-bot.policy.js';
import { agentBotInboxRepository } from '../../../../../repositories/agent-bot-inbox.repository.js';
import { agentBotRepository } from '../../../../../repositories/agent-bot.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { presentAgentBots } from '../agent-bots/agent-bots.routes.js';
import { loadInbox } from '../inboxes/load-inbox.js';
import { EmptyResponse, InboxAgentBotResponse, InboxParams, SetAgentBotBody } from './inbox-agent-bot.schemas.js';

const tags = ['Inboxes'];

/** An inbox's agent bot: show it (who may see the inbox), attach or detach it (administrators). */
export const inboxAgentBotRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;

  app.get('/:id/agent_bot', { schema: { tags, params: InboxParams, response: InboxAgentBotResponse } }, async (request) => {
    const inbox = await loadInbox(db, request.actor, request.account.id, request.params.id, 'read');
    const bot = await agentBotInboxRepository.findBotOfInbox(db, request.account.id, inbox.id);
    return { agent_bot: bot ? (await presentAgentBots(deps, request, [bot]))[0] : {} };
  });

  app.post('/:id/set_agent_bot', {
    preValidation: async (request: FastifyRequest) => { request.body ??= {}; },
    schema: { tags, params: InboxParams, body: SetAgentBotBody, response: EmptyResponse },
  }, async (request, reply) => {
    await withTransaction(deps, async (tx) => {
      const inbox = await loadInbox(tx, request.actor, request.account.id, request.params.id, 'read');
      const botId = request.body.agent_bot ?? null;
      const bot = botId === null ? null : await agentBotRepository.findAccessible(tx, request.account.id, botId);
      if (botId !== null && !bot) {
        throw notFound();
      }
      authorizeAgentBot(request.actor, 'setInboxBot');
      await setInboxAgentBot(ctxOf(request, deps, tx), inbox, bot ?? null);
    });
    return reply.code(200).send(undefined as never);
  });
};
