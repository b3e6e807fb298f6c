import { withTransaction } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { DashboardAppRow } from '../../../../../db/schema.js';
import { orNotFound } from '../../../../../lib/errors.js';
import { saveDashboardApp } from '../../../../../operations/dashboard-apps/save-dashboard-app.js';
import { authorizeDashboardApp } from '../../../../../policies/dashboard-app.policy.js';
import { presentDashboardApp } from '../../../../../presenters/dashboard-app.presenter.js';
import { dashboardAppRepository } from '../../../../../repositories/dashboard-app.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { railsBody, requireParams } from '../../../../wrapped-body.js';
import {
  AccountParams, DashboardAppBody, DashboardAppListResponse, DashboardAppParams, DashboardAppResponse, EmptyResponse,
} from './dashboard-apps.schemas.js';

const tags = ['Dashboard apps'];
/** The resource's fields: a body with none of them is refused, as Rails' `params.require` does. */
const FIELDS = ['title', 'content'];

async function loadDashboardApp(db: Executor, accountId: number, id: number): Promise<DashboardAppRow> {
  return orNotFound(await dashboardAppRepository.findById(db, accountId, id));
}

const bodyHooks = railsBody('dashboard_app');

/** `/dashboard_apps`: members list and show them; administrators create, update and delete. */
export const dashboardAppRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;

  app.get('/', { schema: { tags, params: AccountParams, response: DashboardAppListResponse } }, async (request) => {
    authorizeDashboardApp(request.actor, 'index');
    return (await dashboardAppRepository.list(db, request.account.id)).map(presentDashboardApp);
  });

  app.get('/:id', { schema: { tags, params: DashboardAppParams, response: DashboardAppResponse } }, async (request) => {
    const row = await loadDashboardApp(db, request.account.id, request.params.id);
    authorizeDashboardApp(request.actor, 'show');
    return presentDashboardApp(row);
  });

  app.post('/', { preValidation: bodyHooks, schema: { tags, params: AccountParams, body: DashboardAppBody, response: DashboardAppResponse } }, async (request) => {
    authorizeDashboardApp(request.actor, 'create');
    requireParams(request.body, 'dashboard_app', FIELDS);
    return presentDashboardApp(await withTransaction(deps, (tx) => saveDashboardApp(ctxOf(request, deps, tx), null, request.body)));
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    preValidation: bodyHooks,
    schema: { tags, params: DashboardAppParams, body: DashboardAppBody, response: DashboardAppResponse },
    handler: async (request) => {
      const row = await withTransaction(deps, async (tx) => {
        const found = await loadDashboardApp(tx, request.account.id, request.params.id);
        authorizeDashboardApp(request.actor, 'update');
        requireParams(request.body, 'dashboard_app', FIELDS);
        return saveDashboardApp(ctxOf(request, deps, tx), found, request.body);
      });
      return presentDashboardApp(row);
    },
  });

  app.delete('/:id', { schema: { tags, params: DashboardAppParams, response: EmptyResponse } }, async (request, reply) => {
    await withTransaction(deps, async (tx) => {
      const found = await loadDashboardApp(tx, request.account.id, request.params.id);
      authorizeDashboardApp(request.actor, 'destroy');
      await dashboardAppRepository.remove(tx, request.account.id, found.id);
    });
    return reply.code(204).send(undefined as never);
  });
};
