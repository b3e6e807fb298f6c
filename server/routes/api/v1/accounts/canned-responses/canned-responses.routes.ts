import { withTransaction } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { CannedResponseRow } from '../../../../../db/schema.js';
import { orNotFound } from '../../../../../lib/errors.js';
import { saveCannedResponse } from '../../../../../operations/canned-responses/save-canned-response.js';
import { authorizeCannedResponse } from '../../../../../policies/canned-response.policy.js';
import { presentCannedResponse } from '../../../../../presenters/canned-response.presenter.js';
import { cannedResponseRepository } from '../../../../../repositories/canned-response.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { railsBody, requireParams } from '../../../../wrapped-body.js';
import {
  AccountParams, CannedResponseBody, CannedResponseListResponse, CannedResponseParams, CannedResponseQuery, CannedResponseResponse, EmptyResponse,
} from './canned-responses.schemas.js';

const tags = ['Canned Responses'];
/** The resource's fields: a body with none of them is refused, as Rails' `params.require` does. */
const FIELDS = ['short_code', 'content'];

async function loadCannedResponse(db: Executor, accountId: number, id: number): Promise<CannedResponseRow> {
  return orNotFound(await cannedResponseRepository.findById(db, accountId, id));
}

const bodyHooks = railsBody('canned_response');

/** `/canned_responses`: list (with `search`), create, update, delete, for every member of the account. */
export const cannedResponseRoutes: RoutePlugin = (app, deps) => {
  app.get('/', { schema: { tags, params: AccountParams, querystring: CannedResponseQuery, response: CannedResponseListResponse } }, async (request) => {
    authorizeCannedResponse(request.actor, 'index');
    const rows = await cannedResponseRepository.list(deps.db.kysely, request.account.id, request.query.search?.trim() || undefined);
    return rows.map(presentCannedResponse);
  });

  app.post('/', { preValidation: bodyHooks, schema: { tags, params: AccountParams, body: CannedResponseBody, response: CannedResponseResponse } }, async (request) => {
    authorizeCannedResponse(request.actor, 'create');
    requireParams(request.body, 'canned_response', FIELDS);
    return presentCannedResponse(await withTransaction(deps, (tx) => saveCannedResponse(ctxOf(request, deps, tx), null, request.body)));
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    preValidation: bodyHooks,
    schema: { tags, params: CannedResponseParams, body: CannedResponseBody, response: CannedResponseResponse },
    handler: async (request) => {
      const row = await withTransaction(deps, async (tx) => {
        const found = await loadCannedResponse(tx, request.account.id, request.params.id);
        authorizeCannedResponse(request.actor, 'update');
        requireParams(request.body, 'canned_response', FIELDS);
        return saveCannedResponse(ctxOf(request, deps, tx), found, request.body);
      });
      return presentCannedResponse(row);
    },
  });

  app.delete('/:id', { schema: { tags, params: CannedResponseParams, response: EmptyResponse } }, async (request, reply) => {
    await withTransaction(deps, async (tx) => {
      const found = await loadCannedResponse(tx, request.account.id, request.params.id);
      authorizeCannedResponse(request.actor, 'destroy');
      await cannedResponseRepository.remove(tx, request.account.id, found.id);
    });
    return reply.code(200).send(undefined as never);
  });
};
