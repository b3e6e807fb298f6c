import { SYSTEM, withTransaction, type Deps } from '../context.js';
import type { WebhookDeliveryRow } from '../db/schema.js';
import { now } from '../lib/clock.js';
import { disableWebhook, WEBHOOK_STATUS } from '../operations/webhooks/webhook-status.js';
import { webhookRepository } from '../repositories/webhook.repository.js';
import type { DeliveryOutcome } from './http-delivery.js';

/**
 * Keeps an account webhook's failure streak after each attempt: a success ends it; a
 * failure starts it (if none is under way), and once every attempt has failed for
 * `env.webhookDisableAfterMs` the webhook is disabled. Answers `disabled` when it is
 * disabled now, so the caller holds the delivery instead of retrying it.
 */
export async function trackWebhookHealth(deps: Deps, row: WebhookDeliveryRow, outcome: DeliveryOutcome): Promise<'enabled' | 'disabled'> {
  const db = deps.db.kysely;
  if (outcome.ok) {
    await webhookRepository.clearFailing(db, row.target_id);
    return 'enabled';
  }
  const at = now();
  const webhook = await webhookRepository.markFailing(db, row.target_id, at);
  if (!webhook) {
    return 'enabled';
  }
  if (webhook.status === WEBHOOK_STATUS.disabled) {
    return 'disabled';
  }
  if (webhook.failing_since === null || at - webhook.failing_since < deps.env.webhookDisableAfterMs) {
    return 'enabled';
  }
  await withTransaction(deps, (tx) => disableWebhook({ db: tx, actor: SYSTEM, accountId: webhook.account_id, env: deps.env }, webhook, 'failing'));
  deps.log.warn({ webhookId: webhook.id, url: webhook.url, failingSince: webhook.failing_since }, 'webhook disabled after failing every attempt');
  return 'disabled';
}
