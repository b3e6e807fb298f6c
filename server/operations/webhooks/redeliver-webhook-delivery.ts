import type { Ctx } from '../../context.js';
import type { WebhookDeliveryRow } from '../../db/schema.js';
import { unprocessable } from '../../lib/errors.js';
import { webhookDeliveryRepository } from '../../repositories/webhook-delivery.repository.js';

/**
 * Puts a finished delivery back in the queue, same body and same delivery id; it goes
 * out before later deliveries of its group. The caller queues the job after commit.
 */
export async function redeliverWebhookDelivery(ctx: Ctx, delivery: WebhookDeliveryRow): Promise<WebhookDeliveryRow> {
  if (delivery.status === 'pending' || delivery.status === 'sending') {
    throw unprocessable('The delivery is still queued');
  }
  await webhookDeliveryRepository.update(ctx.db, delivery.id, { status: 'pending', locked_until: null, last_error: null });
  return { ...delivery, status: 'pending', locked_until: null, last_error: null };
}
