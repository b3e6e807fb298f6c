import { withTransaction, type Ctx, type Deps } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { WebhookRow } from '../../../../../db/schema.js';
import { kickGroup } from '../../../../../jobs/deliver-webhook.job.js';
import { orNotFound } from '../../../../../lib/errors.js';
import { createWebhook } from '../../../../../operations/webhooks/create-webhook.js';
import { deleteWebhook } from '../../../../../operations/webhooks/delete-webhook.js';
import { rotateWebhookSecret } from '../../../../../operations/webhooks/rotate-webhook-secret.js';
import { updateWebhook } from '../../../../../operations/webhooks/update-webhook.js';
import { disableWebhook, enableWebhook, type WebhookStatusName } from '../../../../../operations/webhooks/webhook-status.js';
import { authorizeWebhook } from '../../../../../policies/webhook.policy.js';
import { presentWebhook } from '../../../../../presenters/webhook.presenter.js';
import { inboxRepository } from '../../../../../repositories/inbox.repository.js';
import { webhookRepository } from '../../../../../repositories/webhook.repository.js';
import { ctxOf, type App, type RoutePlugin } from '../../../../types.js';
import { railsBody, requireParams } from '../../../../wrapped-body.js';
import {
  AccountParams, EmptyResponse, RotateSecretBody, WebhookBody, WebhookListResponse, WebhookParams, WebhookResponse,
} from './webhooks.schemas.js';
import { deliveryLogRoutes } from './delivery-log.js';

const tags = ['Webhooks'];
const FIELDS = ['url', 'name', 'subscriptions', 'inbox_id', 'status'];
const ATTRIBUTES = ['url', 'name', 'subscriptions', 'inbox_id'];

async function loadWebhook(db: Executor, accountId: number, id: number): Promise<WebhookRow> {
  return orNotFound(await webhookRepository.findById(db, accountId, id));
}

/** Webhooks with their linked inboxes, in the API shape. */
async function present(db: Executor, accountId: number, rows: WebhookRow[]) {
  const ids = [...new Set(rows.map((r) => r.inbox_id).filter((id): id is number => id !== null))];
  const inboxes = new Map((await inboxRepository.findByIds(db, accountId, ids)).map((i) => [i.id, i]));
  return rows.map((r) => presentWebhook(r, r.inbox_id === null ? undefined : inboxes.get(r.inbox_id)));
}

/** Account webhooks (administrators only): list, create, update (and enable/disable), delete, rotate the secret. */
export const webhookRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const bodyHooks = railsBody('webhook');

  app.get('/', { schema: { tags, params: AccountParams, response: WebhookListResponse } }, async (request) => {
    authorizeWebhook(request.actor, 'index');
    return { payload: { webhooks: await present(db, request.account.id, await webhookRepository.list(db, request.account.id)) } };
  });

  app.post('/', { preValidation: bodyHooks, schema: { tags, params: AccountParams, body: WebhookBody, response: WebhookResponse } }, async (request) => {
    authorizeWebhook(request.actor, 'create');
    requireParams(request.body, 'webhook', FIELDS);
    const webhook = await withTransaction(deps, (tx) => createWebhook(ctxOf(request, deps, tx), request.body));
    return { payload: { webhook: (await present(db, request.account.id, [webhook]))[0] } };
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    preValidation: bodyHooks,
    schema: { tags, params: WebhookParams, body: WebhookBody, response: WebhookResponse },
    handler: async (request) => {
      const { status, ...attributes } = request.body;
      const { webhook, groups } = await withTransaction(deps, async (tx) => {
        const found = await loadWebhook(tx, request.account.id, request.params.id);
        authorizeWebhook(request.actor, 'update');
        requireParams(request.body, 'webhook', FIELDS);
        const ctx = ctxOf(request, deps, tx);
        const updated = ATTRIBUTES.some((field) => field in attributes) ? await updateWebhook(ctx, found, attributes) : found;
        return changeStatus(ctx, updated, status);
      });
      kickGroups(deps, groups);
      return { payload: { webhook: (await present(db, request.account.id, [webhook]))[0] } };
    },
  });

  app.delete('/:id', { schema: { tags, params: WebhookParams, response: EmptyResponse } }, async (request, reply) => {
    await withTransaction(deps, async (tx) => {
      const webhook = await loadWebhook(tx, request.account.id, request.params.id);
      authorizeWebhook(request.actor, 'destroy');
      await deleteWebhook(ctxOf(request, deps, tx), webhook);
    });
    return reply.code(200).send(undefined as never);
  });

  operationRoutes(app, deps);
  deliveryLogRoutes(app, deps, tags, async (executor, actor, accountId, id) => {
    const webhook = await loadWebhook(executor, accountId, id);
    authorizeWebhook(actor, 'deliveries');
    return { target: { type: 'Webhook', id: webhook.id } };
  });
};

/** Applies a requested status; enabling returns the delivery groups to start after commit. */
async function changeStatus(ctx: Ctx, webhook: WebhookRow, status: WebhookStatusName | undefined): Promise<{ webhook: WebhookRow; groups: string[] }> {
  if (status === 'disabled') {
    return { webhook: await disableWebhook(ctx, webhook, 'manual'), groups: [] };
  }
  if (status === 'enabled') {
    return enableWebhook(ctx, webhook);
  }
  return { webhook, groups: [] };
}

function kickGroups(deps: Deps, groups: string[]): void {
  for (const group of groups) {
    kickGroup(deps, group);
  }
}

/** Operating a webhook (beyond Chatwoot): secret rotation with an overlap window, enable and disable. */
function operationRoutes(app: App, deps: Deps): void {
  const db = deps.db.kysely;

  app.post('/:id/rotate_secret', {
    preValidation: railsBody('webhook'),
    schema: { tags, params: WebhookParams, body: RotateSecretBody, response: WebhookResponse },
  }, async (request) => {
    const webhook = await withTransaction(deps, async (tx) => {
      const found = await loadWebhook(tx, request.account.id, request.params.id);
      authorizeWebhook(request.actor, 'update');
      const overlap = request.body.overlap_seconds;
      return rotateWebhookSecret(ctxOf(request, deps, tx), found, overlap === undefined ? undefined : overlap * 1000);
    });
    return { payload: { webhook: (await present(db, request.account.id, [webhook]))[0] } };
  });

  for (const status of ['enabled', 'disabled'] as const) {
    app.post(`/:id/${status === 'enabled' ? 'enable' : 'disable'}`, { schema: { tags, params: WebhookParams, response: WebhookResponse } }, async (request) => {
      const { webhook, groups } = await withTransaction(deps, async (tx) => {
        const found = await loadWebhook(tx, request.account.id, request.params.id);
        authorizeWebhook(request.actor, 'update');
        return changeStatus(ctxOf(request, deps, tx), found, status);
      });
      kickGroups(deps, groups);
      return { payload: { webhook: (await present(db, request.account.id, [webhook]))[0] } };
    });
  }
}
