import { eventActor, type Ctx } from '../../context.js';
import type { WebhookRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { now, toIso } from '../../lib/clock.js';
import { webhookDeliveryRepository } from '../../repositories/webhook-delivery.repository.js';
import { webhookRepository } from '../../repositories/webhook.repository.js';

/** `webhooks.status`. */
export const WEBHOOK_STATUS = { enabled: 0, disabled: 1 } as const;
export type WebhookStatusName = keyof typeof WEBHOOK_STATUS;

/** Why a webhook was disabled. */
export type DisableReason = 'manual' | 'failing';

/**
 * Disables a webhook: its waiting deliveries are held (`paused`) and new events are
 * recorded held, so that enabling it again sends them. Records `webhook.disabled`, which
 * tells the account's administrators. Does nothing to a webhook already disabled.
 */
export async function disableWebhook(ctx: Ctx, webhook: WebhookRow, reason: DisableReason): Promise<WebhookRow> {
  const updated = await webhookRepository.switchStatus(ctx.db, ctx.accountId, webhook.id, WEBHOOK_STATUS.enabled, {
    status: WEBHOOK_STATUS.disabled, disabled_at: now(),
  });
  if (!updated) {
    return (await webhookRepository.findById(ctx.db, ctx.accountId, webhook.id)) ?? webhook;
  }
  await webhookDeliveryRepository.pauseOpen(ctx.db, ctx.accountId, webhook.id);
  await recordEvent(ctx.db, {
    name: 'webhook.disabled',
    accountId: ctx.accountId,
    actor: eventActor(ctx.actor),
    data: { webhook_id: webhook.id, url: webhook.url, reason, failing_since: toIso(updated.failing_since) },
  });
  return updated;
}

/**
 * Enables a webhook again and queues what it missed, with a fresh set of attempts: the
 * deliveries held while it was disabled and those given up on during the failure streak
 * that disabled it. They go out oldest first within each conversation, as any delivery.
 * Returns the webhook and the delivery groups the caller starts after commit.
 */
export async function enableWebhook(ctx: Ctx, webhook: WebhookRow): Promise<{ webhook: WebhookRow; groups: string[] }> {
  const updated = await webhookRepository.switchStatus(ctx.db, ctx.accountId, webhook.id, WEBHOOK_STATUS.disabled, {
    status: WEBHOOK_STATUS.enabled, disabled_at: null, failing_since: null,
  });
  if (!updated) {
    return { webhook: (await webhookRepository.findById(ctx.db, ctx.accountId, webhook.id)) ?? webhook, groups: [] };
  }
  const groups = await webhookDeliveryRepository.resumeMissed(ctx.db, ctx.accountId, webhook.id, webhook.failing_since);
  return { webhook: updated, groups };
}
