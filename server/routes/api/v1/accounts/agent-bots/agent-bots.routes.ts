import type { FastifyRequest } from 'fastify';
import { isAdministrator, withTransaction, type Deps } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { AgentBotRow } from '../../../../../db/schema.js';
import { notFound } from '../../../../../lib/errors.js';
import { revealAccessToken } from '../../../../../operations/access-tokens/issue-access-token.js';
import type { AgentBotInput } from '../../../../../operations/agent-bots/agent-bot-input.js';
import { createAgentBot } from '../../../../../operations/agent-bots/create-agent-bot.js';
import { deleteAgentBot } from '../../../../../operations/agent-bots/delete-agent-bot.js';
import { resetAgentBotAccessToken, resetAgentBotSecret } from '../../../../../operations/agent-bots/reset-agent-bot-credentials.js';
import { updateAgentBot } from '../../../../../operations/agent-bots/update-agent-bot.js';
import { authorizeAgentBot } from '../../../../../policies/agent-bot.policy.js';
import { presentAgentBot } from '../../../../../presenters/agent-bot.presenter.js';
import { accessTokenRepository } from '../../../../../repositories/access-token.repository.js';
import { agentBotRepository } from '../../../../../repositories/agent-bot.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { unwrapBody } from '../../../../wrapped-body.js';
import { AccountParams, AgentBotBody, AgentBotListResponse, AgentBotParams, AgentBotResponse, EmptyResponse } from './agent-bots.schemas.js';
import { deliveryLogRoutes } from '../webhooks/delivery-log.js';

const tags = ['Agent bots'];
type Body = { name?: string | null; description?: string | null; outgoing_url?: string | null; avatar_url?: string | null; bot_config?: Record<string, unknown> };

/** The account's own bot (update, delete and the credential actions never reach global bots). */
async function loadOwnBot(db: Executor, accountId: number, id: number): Promise<AgentBotRow> {
  const bot = await agentBotRepository.findById(db, id);
  if (!bot || bot.account_id !== accountId) {
    throw notFound();
  }
  return bot;
}

/** Renders bots with their tokens (own bots only) and secrets (administrators only), tokens read in one query. */
export async function presentAgentBots(deps: Deps, request: FastifyRequest, bots: AgentBotRow[], db: Executor = deps.db.kysely) {
  const own = bots.filter((b) => b.account_id === request.account.id).map((b) => b.id);
  const tokens = new Map((await accessTokenRepository.listByOwners(db, 'AgentBot', own)).map((t) => [t.owner_id, t]));
  const showSecret = isAdministrator(request.actor);
  return bots.map((bot) => presentAgentBot(bot, { accessToken: revealAccessToken(deps.env, tokens.get(bot.id)) || null, showSecret }));
}

function botInput(body: Body): AgentBotInput {
  return {
    ...(body.name !== undefined ? { name: body.name ?? '' } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.outgoing_url !== undefined ? { outgoing_url: body.outgoing_url } : {}),
    ...(body.avatar_url !== undefined ? { avatar_url: body.avatar_url } : {}),
  };
}

/** Account agent bots: list and show (members; global bots included), create, update, delete and credentials (administrators). */
export const agentBotRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const bodyHooks = [async (request: FastifyRequest) => { request.body ??= {}; }, unwrapBody('agent_bot')];
  const one = async (request: FastifyRequest, bot: AgentBotRow, tx: Executor = db) => (await presentAgentBots(deps, request, [bot], tx))[0];

  app.get('/', { schema: { tags, params: AccountParams, response: AgentBotListResponse } }, async (request) => {
    authorizeAgentBot(request.actor, 'index');
    return presentAgentBots(deps, request, await agentBotRepository.listAccessible(db, request.account.id));
  });

  app.get('/:id', { schema: { tags, params: AgentBotParams, response: AgentBotResponse } }, async (request) => {
    authorizeAgentBot(request.actor, 'show');
    const bot = await agentBotRepository.findAccessible(db, request.account.id, request.params.id);
    if (!bot) {
      throw notFound();
    }
    return one(request, bot);
  });

  app.post('/', { preValidation: bodyHooks, schema: { tags, params: AccountParams, body: AgentBotBody, response: AgentBotResponse } }, async (request) => {
    authorizeAgentBot(request.actor, 'create');
    return withTransaction(deps, async (tx) => {
      const input = { ...botInput(request.body), name: request.body.name ?? '', account_id: request.account.id };
      const { bot } = await createAgentBot(ctxOf(request, deps, tx), input);
      const saved = request.body.bot_config ? await agentBotRepository.update(tx, bot.id, { bot_config: request.body.bot_config }) : bot;
      return one(request, saved, tx);
    });
  });

  app.route({
    method: ['PATCH', 'PUT'], url: '/:id', preValidation: bodyHooks,
    schema: { tags, params: AgentBotParams, body: AgentBotBody, response: AgentBotResponse },
    handler: async (request) => {
      authorizeAgentBot(request.actor, 'update');
      return withTransaction(deps, async (tx) => {
        const bot = await loadOwnBot(tx, request.account.id, request.params.id);
        let saved = await updateAgentBot(ctxOf(request, deps, tx), bot, botInput(request.body));
        if (request.body.bot_config) {
          saved = await agentBotRepository.update(tx, bot.id, { bot_config: request.body.bot_config });
        }
        return one(request, saved, tx);
      });
    },
  });

  app.delete('/:id', { schema: { tags, params: AgentBotParams, response: EmptyResponse } }, async (request, reply) => {
    authorizeAgentBot(request.actor, 'destroy');
    await withTransaction(deps, async (tx) => deleteAgentBot(ctxOf(request, deps, tx), await loadOwnBot(tx, request.account.id, request.params.id)));
    return reply.code(200).send(undefined as never);
  });

  app.delete('/:id/avatar', { schema: { tags, params: AgentBotParams, response: AgentBotResponse } }, async (request) => {
    authorizeAgentBot(request.actor, 'avatar');
    return withTransaction(deps, async (tx) => {
      const bot = await loadOwnBot(tx, request.account.id, request.params.id);
      return one(request, await updateAgentBot(ctxOf(request, deps, tx), bot, { avatar_url: null }), tx);
    });
  });

  app.post('/:id/reset_access_token', { schema: { tags, params: AgentBotParams, response: AgentBotResponse } }, async (request) => {
    authorizeAgentBot(request.actor, 'resetAccessToken');
    return withTransaction(deps, async (tx) => {
      const bot = await loadOwnBot(tx, request.account.id, request.params.id);
      await resetAgentBotAccessToken(ctxOf(request, deps, tx), bot);
      return one(request, bot, tx);
    });
  });

  app.post('/:id/reset_secret', { schema: { tags, params: AgentBotParams, response: AgentBotResponse } }, async (request) => {
    authorizeAgentBot(request.actor, 'resetSecret');
    return withTransaction(deps, async (tx) => {
      const bot = await loadOwnBot(tx, request.account.id, request.params.id);
      return one(request, await resetAgentBotSecret(ctxOf(request, deps, tx), bot), tx);
    });
  });

  deliveryLogRoutes(app, deps, tags, async (executor, actor, accountId, id) => {
    const bot = await loadOwnBot(executor, accountId, id);
    authorizeAgentBot(actor, 'deliveries');
    return { target: { type: 'AgentBot', id: bot.id }, failingSince: bot.failing_since };
  });
};
