import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../../../context.js';
import { withTransaction } from '../../../../context.js';
import type { UserRow } from '../../../../db/schema.js';
import { issueAccessToken, revealAccessToken } from '../../../../operations/access-tokens/issue-access-token.js';
import { createPlatformUser } from '../../../../operations/platform/create-platform-user.js';
import { deleteUser } from '../../../../operations/platform/delete-user.js';
import { ssoLoginUrl } from '../../../../operations/platform/sso-auth-token.js';
import { updatePlatformUser } from '../../../../operations/platform/update-platform-user.js';
import { presentPlatformUser, presentPlatformUserToken } from '../../../../presenters/platform-user.presenter.js';
import { accessTokenRepository } from '../../../../repositories/access-token.repository.js';
import { accountRepository } from '../../../../repositories/account.repository.js';
import { accountUserRepository } from '../../../../repositories/account-user.repository.js';
import { userRepository } from '../../../../repositories/user.repository.js';
import type { RoutePlugin } from '../../../types.js';
import { appIdOf, permitted, platformCtx } from './permissible.js';
import {
  CreatePlatformUserBody, PlatformUserDeleteResponse, PlatformUserLoginResponse, PlatformUserParams, PlatformUserResponse,
  PlatformUserTokenResponse, UpdatePlatformUserBody,
} from './users.schemas.js';

/** The user's access token in plaintext; a new one when the stored one cannot be read back. */
async function accessTokenOf(deps: Deps, user: UserRow): Promise<string> {
  const stored = revealAccessToken(deps.env, await accessTokenRepository.findByOwner(deps.db.kysely, 'User', user.id));
  return stored || withTransaction(deps, (tx) => issueAccessToken(tx, deps.env, 'User', user.id));
}

/** Loads the user's memberships and token and presents the platform user shape. */
async function presentUser(deps: Deps, user: UserRow) {
  const db = deps.db.kysely;
  const memberships = await accountUserRepository.listByUser(db, user.id);
  const accounts = new Map((await accountRepository.findByIds(db, memberships.map((m) => m.account_id))).map((a) => [a.id, a]));
  const pairs = memberships.flatMap((membership) => {
    const account = accounts.get(membership.account_id);
    return account ? [{ membership, account }] : [];
  });
  return presentPlatformUser(user, await accessTokenOf(deps, user), pairs);
}

/** Platform users: create (or adopt by email), show, update, delete, SSO login link, access token. */
export const platformUserRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const tags = ['Platform users'];
  const load = async (request: FastifyRequest, id: number) => permitted(db, request, 'User', await userRepository.findById(db, id));
  const params = PlatformUserParams;

  app.post('/', { schema: { tags, body: CreatePlatformUserBody, response: PlatformUserResponse } }, async (request) => {
    const user = await withTransaction(deps, (tx) => createPlatformUser(platformCtx(request, deps, tx), appIdOf(request), request.body));
    return presentUser(deps, user);
  });

  app.get('/:id', { schema: { tags, params, response: PlatformUserResponse } }, async (request) =>
    presentUser(deps, await load(request, request.params.id)));

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    schema: { tags, params, body: UpdatePlatformUserBody, response: PlatformUserResponse },
    handler: async (request) => {
      const found = await load(request, request.params.id);
      const user = await withTransaction(deps, (tx) => updatePlatformUser(platformCtx(request, deps, tx), found, request.body));
      return presentUser(deps, user);
    },
  });

  app.delete('/:id', { schema: { tags, params, response: PlatformUserDeleteResponse } }, async (request, reply) => {
    const user = await load(request, request.params.id);
    await withTransaction(deps, (tx) => deleteUser(platformCtx(request, deps, tx), user));
    return reply.code(200).send(undefined as never);
  });

  app.get('/:id/login', { schema: { tags, params, response: PlatformUserLoginResponse } }, async (request) =>
    ({ url: ssoLoginUrl(deps.env, await load(request, request.params.id)) }));

  app.post('/:id/token', { schema: { tags, params, response: PlatformUserTokenResponse } }, async (request) => {
    const user = await load(request, request.params.id);
    return presentPlatformUserToken(user, await accessTokenOf(deps, user));
  });
};
