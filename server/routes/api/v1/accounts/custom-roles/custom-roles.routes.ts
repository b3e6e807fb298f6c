import { withTransaction } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { CustomRoleRow } from '../../../../../db/schema.js';
import { orNotFound } from '../../../../../lib/errors.js';
import { createCustomRole } from '../../../../../operations/custom-roles/create-custom-role.js';
import { deleteCustomRole } from '../../../../../operations/custom-roles/delete-custom-role.js';
import { updateCustomRole } from '../../../../../operations/custom-roles/update-custom-role.js';
import { authorizeCustomRole } from '../../../../../policies/custom-role.policy.js';
import { presentCustomRole } from '../../../../../presenters/custom-role.presenter.js';
import { customRoleRepository } from '../../../../../repositories/custom-role.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { railsBody, requireParams } from '../../../../wrapped-body.js';
import {
  AccountParams, CustomRoleBody, CustomRoleListResponse, CustomRoleParams, CustomRoleResponse, EmptyResponse,
} from './custom-roles.schemas.js';

const tags = ['Custom roles'];
const FIELDS = ['name', 'description', 'permissions'];

async function loadCustomRole(db: Executor, accountId: number, id: number): Promise<CustomRoleRow> {
  return orNotFound(await customRoleRepository.findById(db, accountId, id));
}

/** The account's custom roles (enterprise CustomRolesController): administrators only. */
export const customRoleRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const preValidation = railsBody('custom_role');

  app.get('/', { schema: { tags, params: AccountParams, response: CustomRoleListResponse } }, async (request) => {
    authorizeCustomRole(request.actor, 'index');
    return (await customRoleRepository.listByAccount(db, request.account.id)).map(presentCustomRole);
  });

  app.get('/:id', { schema: { tags, params: CustomRoleParams, response: CustomRoleResponse } }, async (request) => {
    const role = await loadCustomRole(db, request.account.id, request.params.id);
    authorizeCustomRole(request.actor, 'show');
    return presentCustomRole(role);
  });

  app.post('/', { preValidation, schema: { tags, params: AccountParams, body: CustomRoleBody, response: CustomRoleResponse } }, async (request) => {
    authorizeCustomRole(request.actor, 'create');
    requireParams(request.body, 'custom_role', FIELDS);
    return presentCustomRole(await withTransaction(deps, (tx) => createCustomRole(ctxOf(request, deps, tx), request.body)));
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    preValidation,
    schema: { tags, params: CustomRoleParams, body: CustomRoleBody, response: CustomRoleResponse },
    handler: async (request) => {
      const role = await loadCustomRole(db, request.account.id, request.params.id);
      authorizeCustomRole(request.actor, 'update');
      requireParams(request.body, 'custom_role', FIELDS);
      return presentCustomRole(await withTransaction(deps, (tx) => updateCustomRole(ctxOf(request, deps, tx), role, request.body)));
    },
  });

  app.delete('/:id', { schema: { tags, params: CustomRoleParams, response: EmptyResponse } }, async (request, reply) => {
    const role = await loadCustomRole(db, request.account.id, request.params.id);
    authorizeCustomRole(request.actor, 'destroy');
    await withTransaction(deps, (tx) => deleteCustomRole(ctxOf(request, deps, tx), role));
    return reply.code(200).send(undefined as never);
  });
};
