import type { FastifyRequest } from 'fastify';
import { withTransaction } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { CannedResponseRow } from '../../../../../db/schema.js';
import { notFound, unprocessable } from '../../../../../lib/errors.js';
import { saveCannedResponse } from '../../../../../operations/canned-responses/save-canned-response.js';
import { authorizeCannedResponse } from '../../../../../policies/canned-response.policy.js';
import { presentCannedResponse } from '../../../../../presenters/canned-response.presenter.js';
import { cannedResponseRepository } from '../../../../../repositories/canned-response.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { unwrapBody } from '../../../../wrapped-body.js';
import {
  AccountParams, CannedResponseBody, CannedResponseListResponse, CannedResponseParams, CannedResponseQuery, CannedResponseResponse, EmptyResponse,
} from './canned-responses.schemas.js';

const tags = ['Canned Responses'];

async function loadCannedResponse(db: Executor, accountId: number, id: number): Promise<CannedResponseRow> {
  const row = await cannedResponseRepository.findById(db, accountId, id);
  if (!row) {
    throw notFound();
  }
  return row;
}

async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

/** Rails' `params.require(:canned_response)`: a body with neither field is refused. */
function requireParams(body: object): void {
  if (!('short_code' in body) && !('content' in body)) {
    throw unprocessable('param is missing or the value is empty: canned_response');
  }
}

const bodyHooks = [emptyBodyAsObject, unwrapBody('canned_response')];

/** `/canned_responses`: list (with `search`), create, update, delete, for every member of the account. */
export const cannedResponseRoutes: RoutePlugin = (app, deps) => {
  app.get('/', { schema: { tags, params: AccountParams, querystring: CannedResponseQuery, response: CannedResponseListResponse } }, async (request) => {
    authorizeCannedResponse(request.actor, 'index');
    const rows = await cannedResponseRepository.list(deps.db.kysely, request.account.id, request.query.search?.trim() || undefined);
    return rows.map(presentCannedResponse);
  });

  app.post('/', { preValidation: bodyHooks, schema: { tags, params: AccountParams, body: CannedResponseBody, response: CannedResponseResponse } }, async (request) => {
    authorizeCannedResponse(request.actor, 'create');
    requireParams(request.body);
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
        requireParams(request.body);
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
