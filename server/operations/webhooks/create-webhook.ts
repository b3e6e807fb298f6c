import { auditedValues, recordAudit } from '../audit/record-audit.js';
import type { Ctx } from '../../context.js';
import type { WebhookRow } from '../../db/schema.js';
import { randomToken } from '../../lib/tokens.js';
import { webhookRepository } from '../../repositories/webhook.repository.js';
import { checkWebhook, urlTaken, type WebhookInput } from './webhook-input.js';

/** Creates an account webhook (account_type) with a generated signing secret. */
export async function createWebhook(ctx: Ctx, input: WebhookInput): Promise<WebhookRow> {
  const values = { url: input.url ?? null, subscriptions: input.subscriptions ?? null, inbox_id: input.inbox_id ?? null };
  await checkWebhook(ctx, values, await urlTaken(ctx, values.url, null));
  const webhook = await webhookRepository.insert(ctx.db, {
    account_id: ctx.accountId, inbox_id: values.inbox_id, url: values.url as string, webhook_type: 0,
    subscriptions: values.subscriptions as string[], name: input.name ?? null, secret: randomToken(18),
  });
  await recordAudit(ctx, { auditableType: 'Webhook', auditableId: webhook.id, action: 'create', changes: auditedValues(webhook) });
  return webhook;
}
