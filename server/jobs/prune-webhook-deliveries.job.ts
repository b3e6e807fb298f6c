import type { Deps } from '../context.js';
import { webhookDeliveryRepository } from '../repositories/webhook-delivery.repository.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem); it runs every PRUNE_WEBHOOK_DELIVERIES_EVERY_MS. */
export const PRUNE_WEBHOOK_DELIVERIES = 'prune-webhook-deliveries';
export const PRUNE_WEBHOOK_DELIVERIES_EVERY_MS = 3_600_000;
/** How long the delivery log keeps finished deliveries. */
export const DELIVERY_LOG_RETENTION_MS = 30 * 24 * 3_600_000;

/** Keeps the delivery log bounded: finished deliveries older than the retention go; open ones always stay. */
export function pruneWebhookDeliveriesHandler(deps: Deps): JobHandler {
  return async () => {
    const removed = await webhookDeliveryRepository.removeFinishedBefore(deps.db.kysely, Date.now() - DELIVERY_LOG_RETENTION_MS);
    if (removed > 0) {
      deps.log.info({ removed }, 'pruned the webhook delivery log');
    }
  };
}
