import type { Executor } from '../../../../../db/dialect.js';
import { withTransaction } from '../../../../../context.js';
import type { AccountUserRow, UserRow } from '../../../../../db/schema.js';
import { enqueueAccountMail } from '../../../../../jobs/send-account-mail.job.js';
import { notFound } from '../../../../../lib/errors.js';
import { createAgent } from '../../../../../operations/agents/create-agent.js';
import { removeAgent } from '../../../../../operations/agents/remove-agent.js';
import { updateAgent } from '../../../../../operations/agents/update-agent.js';
import { authorizeAgent } from '../../../../../policies/agent.policy.js';
import { presentAgent } from '../../../../../presenters/user.presenter.js';
import { onlineUserIds } from '../../../../../realtime/presence.js';
import { accountUserRepository } from '../../../../../repositories/account-user.repository.js';
import { userRepository } from '../../../../../repositories/user.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { unwrapBody } from '../../../../wrapped-body.js';
import {
  AgentDeleteResponse, AgentListParams, AgentListResponse, AgentParams, AgentResponse, CreateAgentBody, UpdateAgentBody,
} from './agents.schemas.js';
import { presentAgentsOf } from './load-agents.js';

/** A member of the account with their membership; 404 for anyone else. */
async function loadAgent(db: Executor, accountId: number, userId: number): Promise<{ user: UserRow; membership: AccountUserRow }> {
  const membership = await accountUserRepository.find(db, accountId, userId);
  const user = membership ? await userRepository.findById(db, userId) : undefined;
  if (!membership || !user) {
    throw notFound();
  }
  return { user, membership };
}

/** Agents of the account: list, add, update, remove. */
export const agentRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const tags = ['Agents'];

  app.get('/', { schema: { tags, params: AgentListParams, response: AgentListResponse } }, async (request) => {
    authorizeAgent(request.actor, 'read');
    return presentAgentsOf(db, request.account.id, await userRepository.listByAccount(db, request.account.id), deps.presence);
  });

  app.post('/', {
    preValidation: unwrapBody('agent'),
    schema: { tags, params: AgentListParams, body: CreateAgentBody, response: AgentResponse },
  }, async (request) => {
    authorizeAgent(request.actor, 'create');
    const { user, membership } = await withTransaction(deps, (tx) => createAgent(ctxOf(request, deps, tx), request.body));
    if (user.confirmed_at === null) {
      await enqueueAccountMail(deps, { kind: 'invitation', userId: user.id, accountId: request.account.id });
    }
    return presentAgent(user, membership);
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    preValidation: unwrapBody('agent'),
    schema: { tags, params: AgentParams, body: UpdateAgentBody, response: AgentResponse },
    handler: async (request) => {
      const found = await loadAgent(db, request.account.id, request.params.id);
      authorizeAgent(request.actor, 'update');
      const { user, membership } = await withTransaction(deps, (tx) =>
        updateAgent(ctxOf(request, deps, tx), found.user, found.membership, request.body));
      return presentAgent(user, membership, (await onlineUserIds(deps.presence, request.account.id)).has(user.id));
    },
  });

  app.delete('/:id', { schema: { tags, params: AgentParams, response: AgentDeleteResponse } }, async (request, reply) => {
    const { user, membership } = await loadAgent(db, request.account.id, request.params.id);
    authorizeAgent(request.actor, 'destroy');
    await withTransaction(deps, (tx) =>
      removeAgent(ctxOf(request, deps, tx), user, membership, { keepLastAdministrator: true, deleteOrphanUser: true }));
    return reply.code(200).send(undefined as never);
  });
};
