import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../../../context.js';
import { withTransaction } from '../../../../context.js';
import type { AgentBotRow } from '../../../../db/schema.js';
import { invalid } from '../../../../lib/errors.js';
import { revealAccessToken } from '../../../../operations/access-tokens/issue-access-token.js';
import { deleteAgentBot } from '../../../../operations/agent-bots/delete-agent-bot.js';
import { updateAgentBot } from '../../../../operations/agent-bots/update-agent-bot.js';
import { createPlatformAgentBot } from '../../../../operations/platform/create-platform-agent-bot.js';
import { presentPlatformAgentBot } from '../../../../presenters/platform-agent-bot.presenter.js';
import { accessTokenRepository } from '../../../../repositories/access-token.repository.js';
import { accountRepository } from '../../../../repositories/account.repository.js';
import { agentBotRepository } from '../../../../repositories/agent-bot.repository.js';
import { platformAppRepository } from '../../../../repositories/platform-app.repository.js';
import type { RoutePlugin } from '../../../types.js';
import {
  CreatePlatformAgentBotBody, PlatformAgentBotDeleteResponse, PlatformAgentBotListResponse, PlatformAgentBotParams,
  PlatformAgentBotResponse, UpdatePlatformAgentBotBody,
} from './agent-bots.schemas.js';
import { appIdOf, permitted, platformCtx } from './permissible.js';

/**
 * A bot may be given an account only if that account is one of the app's own:
 * the bot's token reaches the account's conversations (422 when it does not exist).
 */
async function checkBotAccount(deps: Deps, request: FastifyRequest, accountId: number | null | undefined): Promise<void> {
  if (accountId === null || accountId === undefined) {
    return;
  }
  const account = await accountRepository.findById(deps.db.kysely, accountId);
  if (!account) {
    throw invalid('account_id', 'must exist');
  }
  await permitted(deps.db.kysely, request, 'Account', account);
}

/** Bots with their access tokens (one query for all tokens). */
async function presentBots(deps: Deps, bots: AgentBotRow[]) {
  const tokens = await accessTokenRepository.listByOwners(deps.db.kysely, 'AgentBot', bots.map((b) => b.id));
  const byOwner = new Map(tokens.map((t) => [t.owner_id, t]));
  return bots.map((bot) => presentPlatformAgentBot(bot, revealAccessToken(deps.env, byOwner.get(bot.id))));
}

/** Platform agent bots: the app's own bots, global unless given an account of the app. */
export const platformAgentBotRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const tags = ['Platform agent bots'];
  const load = async (request: FastifyRequest, id: number) => permitted(db, request, 'AgentBot', await agentBotRepository.findById(db, id));
  const params = PlatformAgentBotParams;

  app.get('/', { schema: { tags, response: PlatformAgentBotListResponse } }, async (request) => {
    const ids = await platformAppRepository.listPermissibleIds(db, appIdOf(request), 'AgentBot');
    return presentBots(deps, (await agentBotRepository.findByIds(db, ids)).sort((a, b) => a.id - b.id));
  });

  app.post('/', { schema: { tags, body: CreatePlatformAgentBotBody, response: PlatformAgentBotResponse } }, async (request) => {
    await checkBotAccount(deps, request, request.body.account_id);
    const { bot, accessToken } = await withTransaction(deps, (tx) =>
      createPlatformAgentBot(platformCtx(request, deps, tx), appIdOf(request), request.body));
    return presentPlatformAgentBot(bot, accessToken);
  });

  app.get('/:id', { schema: { tags, params, response: PlatformAgentBotResponse } }, async (request) =>
    (await presentBots(deps, [await load(request, request.params.id)]))[0]);

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    schema: { tags, params, body: UpdatePlatformAgentBotBody, response: PlatformAgentBotResponse },
    handler: async (request) => {
      const found = await load(request, request.params.id);
      await checkBotAccount(deps, request, request.body.account_id);
      const bot = await withTransaction(deps, (tx) => updateAgentBot(platformCtx(request, deps, tx), found, request.body));
      return (await presentBots(deps, [bot]))[0];
    },
  });

  app.delete('/:id', { schema: { tags, params, response: PlatformAgentBotDeleteResponse } }, async (request, reply) => {
    const bot = await load(request, request.params.id);
    await withTransaction(deps, (tx) => deleteAgentBot(platformCtx(request, deps, tx), bot));
    return reply.code(200).send(undefined as never);
  });
};
