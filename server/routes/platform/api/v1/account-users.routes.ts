import type { FastifyRequest } from 'fastify';
import { withTransaction } from '../../../../context.js';
import type { AccountRow } from '../../../../db/schema.js';
import { removeAgent } from '../../../../operations/agents/remove-agent.js';
import { upsertAccountUser } from '../../../../operations/platform/upsert-account-user.js';
import { presentAccountUserRaw } from '../../../../presenters/account-user.presenter.js';
import { accountRepository } from '../../../../repositories/account.repository.js';
import { accountUserRepository } from '../../../../repositories/account-user.repository.js';
import { userRepository } from '../../../../repositories/user.repository.js';
import type { RoutePlugin } from '../../../types.js';
import {
  AccountUserDeleteResponse, AccountUserListResponse, AccountUserResponse, AccountUsersParams, RemoveAccountUserBody,
  UpsertAccountUserBody,
} from './account-users.schemas.js';
import { permitted, platformCtx } from './permissible.js';

/** Memberships of one of the app's accounts: list, add or change role (upsert), remove. */
export const accountUserRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const tags = ['Platform account users'];
  const accountOf = async (request: FastifyRequest, id: number): Promise<AccountRow> =>
    permitted(db, request, 'Account', await accountRepository.findById(db, id));

  app.get('/', { schema: { tags, params: AccountUsersParams, response: AccountUserListResponse } }, async (request) => {
    const account = await accountOf(request, request.params.account_id);
    return (await accountUserRepository.listByAccount(db, account.id)).map(presentAccountUserRaw);
  });

  app.post('/', { schema: { tags, params: AccountUsersParams, body: UpsertAccountUserBody, response: AccountUserResponse } }, async (request) => {
    const account = await accountOf(request, request.params.account_id);
    const membership = await withTransaction(deps, (tx) =>
      upsertAccountUser({ ...platformCtx(request, deps, tx), accountId: account.id }, request.body));
    return presentAccountUserRaw(membership);
  });

  app.delete('/', { schema: { tags, params: AccountUsersParams, body: RemoveAccountUserBody, response: AccountUserDeleteResponse } }, async (request, reply) => {
    const account = await accountOf(request, request.params.account_id);
    const membership = await accountUserRepository.find(db, account.id, request.body.user_id);
    const user = membership ? await userRepository.findById(db, membership.user_id) : undefined;
    if (membership && user) {
      await withTransaction(deps, (tx) => removeAgent({ ...platformCtx(request, deps, tx), accountId: account.id }, user, membership, {
        keepLastAdministrator: false, deleteOrphanUser: false,
      }));
    }
    return reply.code(200).send(undefined as never);
  });
};
