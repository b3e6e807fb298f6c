import { withTransaction } from '../../../../context.js';
import { updateAccount } from '../../../../operations/accounts/update-account.js';
import { authorizeAccount } from '../../../../policies/account.policy.js';
import { presentAccount } from '../../../../presenters/account.presenter.js';
import { ctxOf, type RoutePlugin } from '../../../types.js';
import { AccountParams, AccountResponse, UpdateAccountBody } from './account.schemas.js';

/** GET and PATCH `/api/v1/accounts/:account_id`. */
export const accountRoutes: RoutePlugin = (app, deps) => {
  app.get('/', { schema: { tags: ['Account'], params: AccountParams, response: AccountResponse } }, async (request) => {
    authorizeAccount(request.actor, 'read', request.account);
    return presentAccount(request.account);
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/',
    schema: { tags: ['Account'], params: AccountParams, body: UpdateAccountBody, response: AccountResponse },
    handler: async (request) => {
      authorizeAccount(request.actor, 'update', request.account);
      const { auto_resolve_after, auto_resolve_message, settings, ...rest } = request.body;
      const mergedSettings = {
        ...settings,
        ...(auto_resolve_after !== undefined ? { auto_resolve_after } : {}),
        ...(auto_resolve_message !== undefined ? { auto_resolve_message } : {}),
      };
      const account = await withTransaction(deps, (db) =>
        updateAccount(ctxOf(request, deps, db), request.account, { ...rest, settings: mergedSettings }));
      return presentAccount(account);
    },
  });
};
