import type { Ctx } from '../../context.js';
import type { WebhookRow } from '../../db/schema.js';
import { webhookRepository } from '../../repositories/webhook.repository.js';
import { rotatedSecrets } from '../../webhooks/secrets.js';

/**
 * Gives the webhook a new signing secret. The old one keeps signing deliveries, in
 * `X-Chatwoot-Signature-Previous`, for `overlapMs` (the environment's window by default),
 * so the receiver can switch over without rejecting a delivery.
 */
export function rotateWebhookSecret(ctx: Ctx, webhook: WebhookRow, overlapMs = ctx.env.webhookSecretOverlapMs): Promise<WebhookRow> {
  return webhookRepository.update(ctx.db, ctx.accountId, webhook.id, rotatedSecrets(webhook, overlapMs));
}
