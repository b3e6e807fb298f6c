import type { Actor, Deps } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { WebhookDeliveriesTable } from '../../../../../db/schema.js';
import { withTransaction } from '../../../../../context.js';
import { kickGroup } from '../../../../../jobs/deliver-webhook.job.js';
import { toIso } from '../../../../../lib/clock.js';
import { notFound } from '../../../../../lib/errors.js';
import { redeliverWebhookDelivery } from '../../../../../operations/webhooks/redeliver-webhook-delivery.js';
import { presentWebhookDelivery } from '../../../../../presenters/webhook.presenter.js';
import { webhookDeliveryRepository } from '../../../../../repositories/webhook-delivery.repository.js';
import { ctxOf, type App } from '../../../../types.js';
import { DeliveriesQuery, DeliveryListResponse, DeliveryParams, DeliveryResponse, WebhookParams } from './webhooks.schemas.js';

const DELIVERIES_PER_PAGE = 25;

/** A receiver whose deliveries are listed: what its deliveries name as target, and (API inboxes, bots) its current failure streak. */
export interface LoggedReceiver {
  target: { type: WebhookDeliveriesTable['target_type']; id: number };
  failingSince?: number | null;
}

/** Finds the receiver `id` of the account (404 otherwise) and checks the actor may read its log (401 otherwise). */
export type LoadReceiver = (db: Executor, actor: Actor, accountId: number, id: number) => Promise<LoggedReceiver>;

/**
 * The delivery log of one kind of receiver (beyond Chatwoot), under its resource:
 * `GET /:id/deliveries` (newest first, 25 a page; an API inbox's or bot's failure streak in `meta`)
 * and `POST /:id/deliveries/:delivery_id/redeliver` (same body and delivery id, before
 * later deliveries of its group). Account webhooks, API inboxes and agent bots share it.
 */
export function deliveryLogRoutes(app: App, deps: Deps, tags: string[], load: LoadReceiver): void {
  const db = deps.db.kysely;

  app.get('/:id/deliveries', { schema: { tags, params: WebhookParams, querystring: DeliveriesQuery, response: DeliveryListResponse } }, async (request) => {
    const { target, failingSince } = await load(db, request.actor, request.account.id, request.params.id);
    const page = request.query.page ?? 1;
    const [rows, count] = await Promise.all([
      webhookDeliveryRepository.listByTarget(db, request.account.id, target, { limit: DELIVERIES_PER_PAGE, offset: (page - 1) * DELIVERIES_PER_PAGE }),
      webhookDeliveryRepository.countByTarget(db, request.account.id, target),
    ]);
    const meta = { count, current_page: page, ...(failingSince === undefined ? {} : { failing_since: toIso(failingSince) }) };
    return { meta, payload: { deliveries: rows.map(presentWebhookDelivery) } };
  });

  app.post('/:id/deliveries/:delivery_id/redeliver', { schema: { tags, params: DeliveryParams, response: DeliveryResponse } }, async (request) => {
    const delivery = await withTransaction(deps, async (tx) => {
      const { target } = await load(tx, request.actor, request.account.id, request.params.id);
      const found = await webhookDeliveryRepository.findByDeliveryId(tx, request.account.id, target, request.params.delivery_id);
      if (!found) {
        throw notFound();
      }
      return redeliverWebhookDelivery(ctxOf(request, deps, tx), found);
    });
    kickGroup(deps, delivery.group_key);
    return { payload: { delivery: presentWebhookDelivery(delivery) } };
  });
}
