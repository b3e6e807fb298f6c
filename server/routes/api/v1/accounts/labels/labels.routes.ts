import { withTransaction } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { LabelRow } from '../../../../../db/schema.js';
import { orNotFound } from '../../../../../lib/errors.js';
import { createLabel } from '../../../../../operations/labels/create-label.js';
import { deleteLabel } from '../../../../../operations/labels/delete-label.js';
import { updateLabel } from '../../../../../operations/labels/update-label.js';
import { authorizeLabel } from '../../../../../policies/label.policy.js';
import { presentLabel } from '../../../../../presenters/label.presenter.js';
import { labelRepository } from '../../../../../repositories/label.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { railsBody, requireParams } from '../../../../wrapped-body.js';
import { AccountParams, EmptyResponse, LabelBody, LabelListResponse, LabelParams, LabelResponse } from './labels.schemas.js';

const tags = ['Labels'];
const FIELDS = ['title', 'description', 'color', 'show_on_sidebar'];

/** The account's label, or 404 (Chatwoot loads it before authorizing). */
async function loadLabel(db: Executor, accountId: number, id: number): Promise<LabelRow> {
  return orNotFound(await labelRepository.findById(db, accountId, id));
}

/** Account labels: list (every member), show, create, update, delete (administrators). */
export const labelRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;

  app.get('/', { schema: { tags, params: AccountParams, response: LabelListResponse } }, async (request) => {
    authorizeLabel(request.actor, 'index');
    return { payload: (await labelRepository.list(db, request.account.id)).map(presentLabel) };
  });

  app.get('/:id', { schema: { tags, params: LabelParams, response: LabelResponse } }, async (request) => {
    const label = await loadLabel(db, request.account.id, request.params.id);
    authorizeLabel(request.actor, 'show');
    return presentLabel(label);
  });

  app.post('/', { preValidation: railsBody('label'), schema: { tags, params: AccountParams, body: LabelBody, response: LabelResponse } }, async (request) => {
    authorizeLabel(request.actor, 'create');
    requireParams(request.body, 'label', FIELDS);
    return presentLabel(await withTransaction(deps, (tx) => createLabel(ctxOf(request, deps, tx), request.body)));
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    preValidation: railsBody('label'),
    schema: { tags, params: LabelParams, body: LabelBody, response: LabelResponse },
    handler: async (request) => {
      const label = await withTransaction(deps, async (tx) => {
        const found = await loadLabel(tx, request.account.id, request.params.id);
        authorizeLabel(request.actor, 'update');
        requireParams(request.body, 'label', FIELDS);
        return updateLabel(ctxOf(request, deps, tx), found, request.body);
      });
      return presentLabel(label);
    },
  });

  app.delete('/:id', { schema: { tags, params: LabelParams, response: EmptyResponse } }, async (request, reply) => {
    await withTransaction(deps, async (tx) => {
      const label = await loadLabel(tx, request.account.id, request.params.id);
      authorizeLabel(request.actor, 'destroy');
      await deleteLabel(ctxOf(request, deps, tx), label);
    });
    // Chatwoot's `head :ok`: 200 with an empty body (undefined skips serialization).
    return reply.code(200).send(undefined as never);
  });
};
