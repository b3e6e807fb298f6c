import { ATTRIBUTE_MODELS, enumValue } from '../../../../../../common/enums.js';
import { withTransaction } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { CustomAttributeDefinitionRow } from '../../../../../db/schema.js';
import { orNotFound } from '../../../../../lib/errors.js';
import { createCustomAttributeDefinition } from '../../../../../operations/custom-attribute-definitions/create-custom-attribute-definition.js';
import { deleteCustomAttributeDefinition } from '../../../../../operations/custom-attribute-definitions/delete-custom-attribute-definition.js';
import { updateCustomAttributeDefinition } from '../../../../../operations/custom-attribute-definitions/update-custom-attribute-definition.js';
import { authorizeCustomAttributeDefinition } from '../../../../../policies/custom-attribute-definition.policy.js';
import { presentCustomAttributeDefinition } from '../../../../../presenters/custom-attribute-definition.presenter.js';
import { customAttributeDefinitionRepository } from '../../../../../repositories/custom-attribute-definition.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { railsBody, requireParams } from '../../../../wrapped-body.js';
import {
  AccountParams, DefinitionBody, DefinitionListResponse, DefinitionParams, DefinitionResponse, ListDefinitionsQuery, NoContentResponse,
} from './custom-attribute-definitions.schemas.js';

const tags = ['Custom attribute definitions'];
const WRAPPER = 'custom_attribute_definition';
const FIELDS = ['attribute_display_name', 'attribute_description', 'attribute_display_type', 'attribute_key', 'attribute_model',
  'regex_pattern', 'regex_cue', 'attribute_values'];

/** The account's definition, or 404. */
async function loadDefinition(db: Executor, accountId: number, id: number): Promise<CustomAttributeDefinitionRow> {
  return orNotFound(await customAttributeDefinitionRepository.findById(db, accountId, id));
}

/** `attribute_model` filter: a model name or its number; anything else matches no definition. */
function modelFilter(value: string | undefined): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const byName = enumValue(ATTRIBUTE_MODELS, value);
  if (byName >= 0) {
    return byName;
  }
  return /^[0-9]+$/.test(value) ? Number(value) : -1;
}

/** Custom attribute definitions: list and show (every member), create, update, delete (administrators). */
export const customAttributeDefinitionRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const preValidation = railsBody(WRAPPER);

  app.get('/', { schema: { tags, params: AccountParams, querystring: ListDefinitionsQuery, response: DefinitionListResponse } }, async (request) => {
    authorizeCustomAttributeDefinition(request.actor, 'index');
    const rows = await customAttributeDefinitionRepository.list(db, request.account.id, modelFilter(request.query.attribute_model));
    return rows.map(presentCustomAttributeDefinition);
  });

  app.get('/:id', { schema: { tags, params: DefinitionParams, response: DefinitionResponse } }, async (request) => {
    authorizeCustomAttributeDefinition(request.actor, 'show');
    return presentCustomAttributeDefinition(await loadDefinition(db, request.account.id, request.params.id));
  });

  app.post('/', { preValidation, schema: { tags, params: AccountParams, body: DefinitionBody, response: DefinitionResponse } }, async (request) => {
    authorizeCustomAttributeDefinition(request.actor, 'create');
    requireParams(request.body, WRAPPER, FIELDS);
    const created = await withTransaction(deps, (tx) => createCustomAttributeDefinition(ctxOf(request, deps, tx), request.body));
    return presentCustomAttributeDefinition(created);
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    preValidation,
    schema: { tags, params: DefinitionParams, body: DefinitionBody, response: DefinitionResponse },
    handler: async (request) => {
      const updated = await withTransaction(deps, async (tx) => {
        const definition = await loadDefinition(tx, request.account.id, request.params.id);
        authorizeCustomAttributeDefinition(request.actor, 'update');
        requireParams(request.body, WRAPPER, FIELDS);
        return updateCustomAttributeDefinition(ctxOf(request, deps, tx), definition, request.body);
      });
      return presentCustomAttributeDefinition(updated);
    },
  });

  app.delete('/:id', { schema: { tags, params: DefinitionParams, response: NoContentResponse } }, async (request, reply) => {
    await withTransaction(deps, async (tx) => {
      const definition = await loadDefinition(tx, request.account.id, request.params.id);
      authorizeCustomAttributeDefinition(request.actor, 'destroy');
      await deleteCustomAttributeDefinition(ctxOf(request, deps, tx), definition);
    });
    return reply.code(204).send(undefined as never);
  });
};
