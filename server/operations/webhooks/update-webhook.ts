import { changesBetween, recordAudit } from '../audit/record-audit.js';
import type { Ctx } from '../../context.js';
import type { WebhookRow } from '../../db/schema.js';
import { webhookRepository } from '../../repositories/webhook.repository.js';
import { checkWebhook, urlTaken, type WebhookInput } from './webhook-input.js';

/** Updates a webhook's url, name, subscriptions or inbox; the secret stays. */
export async function updateWebhook(ctx: Ctx, webhook: WebhookRow, input: WebhookInput): Promise<WebhookRow> {
  const values = {
    url: input.url !== undefined ? input.url : webhook.url,
    subscriptions: input.subscriptions !== undefined ? input.subscriptions : webhook.subscriptions,
    inbox_id: input.inbox_id !== undefined ? input.inbox_id : webhook.inbox_id,
  };
  await checkWebhook(ctx, values, values.url !== webhook.url && (await urlTaken(ctx, values.url, webhook.id)));
  const updated = await webhookRepository.update(ctx.db, ctx.accountId, webhook.id, {
    url: values.url as string, subscriptions: values.subscriptions as string[], inbox_id: values.inbox_id,
    ...(input.name !== undefined ? { name: input.name } : {}),
  });
  await recordAudit(ctx, { auditableType: 'Webhook', auditableId: webhook.id, action: 'update', changes: changesBetween(webhook, updated) });
  return updated;
}
