import { SYSTEM, withTransaction, type Deps } from '../context.js';
import type { WebhookDeliveryRow } from '../db/schema.js';
import { SEND_RECEIVER_FAILING_MAIL, type ReceiverFailingMailPayload } from '../jobs/send-receiver-failing-mail.job.js';
import { now } from '../lib/clock.js';
import { disableWebhook, WEBHOOK_STATUS } from '../operations/webhooks/webhook-status.js';
import { receiverHealthRepository, type StreakTable } from '../repositories/receiver-health.repository.js';
import { webhookRepository } from '../repositories/webhook.repository.js';
import type { DeliveryOutcome } from './http-delivery.js';

/** The row a receiver's failure streak is kept on: the account webhook, the API channel, or the agent bot. */
export interface StreakOwner {
  table: 'webhooks' | StreakTable;
  id: number;
}

/**
 * Keeps a receiver's failure streak after each attempt: a success ends it; a failure
 * starts it (if none is under way). Once every attempt has failed for
 * `env.webhookDisableAfterMs`:
 * - an account webhook is disabled (its administrators are told through `webhook.disabled`);
 *   the answer is then `disabled`, so the caller holds the delivery instead of retrying it;
 * - an API-channel callback or an agent bot stays enabled, as in Chatwoot (its failed
 *   messages are marked failed, its pending conversations go to people), and the account's
 *   administrators get one mail for the streak.
 */
export async function trackReceiverHealth(deps: Deps, row: WebhookDeliveryRow, owner: StreakOwner, outcome: DeliveryOutcome): Promise<'enabled' | 'disabled'> {
  if (owner.table === 'webhooks') {
    return trackWebhookHealth(deps, owner.id, outcome);
  }
  const db = deps.db.kysely;
  if (outcome.ok) {
    await receiverHealthRepository.clearFailing(db, owner.table, owner.id);
    return 'enabled';
  }
  const at = now();
  const streak = await receiverHealthRepository.markFailing(db, owner.table, owner.id, at);
  if (!streak || streak.failing_since === null || streak.failing_notified_at !== null || at - streak.failing_since < deps.env.webhookDisableAfterMs) {
    return 'enabled';
  }
  // Queued, then marked reported: a crash in between sends the mail again rather than never
  // (the de-duplication key keeps concurrent workers to one mail while it waits).
  const payload: ReceiverFailingMailPayload = { accountId: row.account_id, targetType: row.target_type, targetId: row.target_id };
  await deps.jobs.enqueue(SEND_RECEIVER_FAILING_MAIL, { ...payload }, { dedupeKey: `receiver-failing:${owner.table}:${owner.id}:${streak.failing_since}` });
  if (await receiverHealthRepository.claimNotice(db, owner.table, owner.id, at)) {
    deps.log.warn({ target: row.target_type, targetId: row.target_id, failingSince: streak.failing_since }, 'every delivery to this receiver has failed for a day');
  }
  return 'enabled';
}

async function trackWebhookHealth(deps: Deps, webhookId: number, outcome: DeliveryOutcome): Promise<'enabled' | 'disabled'> {
  const db = deps.db.kysely;
  if (outcome.ok) {
    await webhookRepository.clearFailing(db, webhookId);
    return 'enabled';
  }
  const at = now();
  const webhook = await webhookRepository.markFailing(db, webhookId, at);
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
