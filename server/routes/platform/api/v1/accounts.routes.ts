import { withTransaction } from '../../../../context.js';
import { createPlatformAccount } from '../../../../operations/platform/create-platform-account.js';
import { deleteAccount } from '../../../../operations/platform/delete-account.js';
import { updatePlatformAccount } from '../../../../operations/platform/update-platform-account.js';
import { presentPlatformAccount } from '../../../../presenters/account.presenter.js';
import { accountRepository } from '../../../../repositories/account.repository.js';
import { platformAppRepository } from '../../../../repositories/platform-app.repository.js';
import type { RoutePlugin } from '../../../types.js';
import {
  CreatePlatformAccountBody, EmptyResponse, PlatformAccountListResponse, PlatformAccountParams, PlatformAccountResponse,
  UpdatePlatformAccountBody,
} from './accounts.schemas.js';
import { appIdOf, permitted, platformCtx } from './permissible.js';

/** Platform accounts: the app's own accounts only. */
export const platformAccountRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const tags = ['Platform accounts'];
  const load = async (request: Parameters<typeof appIdOf>[0], id: number) =>
    permitted(db, request, 'Account', await accountRepository.findById(db, id));

  app.get('/', { schema: { tags, response: PlatformAccountListResponse } }, async (request) => {
    const ids = await platformAppRepository.listPermissibleIds(db, appIdOf(request), 'Account');
    return (await accountRepository.findByIds(db, ids)).map(presentPlatformAccount);
  });

  app.post('/', { schema: { tags, body: CreatePlatformAccountBody, response: PlatformAccountResponse } }, async (request) => {
    const account = await withTransaction(deps, (tx) =>
      createPlatformAccount(platformCtx(request, deps, tx), appIdOf(request), request.body));
    return presentPlatformAccount(account);
  });

  app.get('/:id', { schema: { tags, params: PlatformAccountParams, response: PlatformAccountResponse } }, async (request) => {
    return presentPlatformAccount(await load(request, request.params.id));
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    schema: { tags, params: PlatformAccountParams, body: UpdatePlatformAccountBody, response: PlatformAccountResponse },
    handler: async (request) => {
      const found = await load(request, request.params.id);
      const account = await withTransaction(deps, (tx) =>
        updatePlatformAccount({ ...platformCtx(request, deps, tx), accountId: found.id }, found, request.body));
      return presentPlatformAccount(account);
    },
  });

  app.delete('/:id', { schema: { tags, params: PlatformAccountParams, response: EmptyResponse } }, async (request, reply) => {
    const account = await load(request, request.params.id);
    await withTransaction(deps, (tx) => deleteAccount(platformCtx(request, deps, tx), account));
    return reply.code(200).send(undefined as never);
  });
};
