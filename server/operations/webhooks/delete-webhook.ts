import { auditedValues, recordAudit } from '../audit/record-audit.js';
import type { Ctx } from '../../context.js';
import type { WebhookRow } from '../../db/schema.js';
import { webhookDeliveryRepository } from '../../repositories/webhook-delivery.repository.js';
import { webhookRepository } from '../../repositories/webhook.repository.js';

/** Deletes a webhook and its delivery log; deliveries still queued find no receiver and stop. */
export async function deleteWebhook(ctx: Ctx, webhook: WebhookRow): Promise<void> {
  await webhookDeliveryRepository.removeByTarget(ctx.db, ctx.accountId, { type: 'Webhook', id: webhook.id });
  await webhookRepository.remove(ctx.db, ctx.accountId, webhook.id);
  await recordAudit(ctx, { auditableType: 'Webhook', auditableId: webhook.id, action: 'destroy', changes: auditedValues(webhook) });
}
