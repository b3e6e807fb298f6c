import type { Deps } from '../context.js';
import type { WebhookDeliveryRow } from '../db/schema.js';
import { now } from '../lib/clock.js';
import { agentBotRepository } from '../repositories/agent-bot.repository.js';
import { channelApiRepository } from '../repositories/channel-api.repository.js';
import { inboxRepository } from '../repositories/inbox.repository.js';
import { webhookDeliveryRepository } from '../repositories/webhook-delivery.repository.js';
import { webhookRepository } from '../repositories/webhook.repository.js';
import { WEBHOOK_STATUS } from '../operations/webhooks/webhook-status.js';
import { handleDeliveryGivenUp, handleDeliveryRecovered } from '../webhooks/delivery-failure.js';
import { deliver, DELIVERY_TIMEOUT_MS, type DeliveryOutcome } from '../webhooks/http-delivery.js';
import { signingSecrets, type SigningSecrets } from '../webhooks/secrets.js';
import { trackReceiverHealth, type StreakOwner } from '../webhooks/webhook-health.js';
import { backoffMs, type JobHandler, type Jobs } from './jobs.js';

/** The job name (file stem). */
export const DELIVER_WEBHOOK = 'deliver-webhook';
/** Attempts per delivery: with the default backoff they span about two hours. */
export const MAX_DELIVERY_ATTEMPTS = 15;
/** Agent bots get fewer (about 15 s): a bot that is down hands its pending conversations to people. */
export const MAX_BOT_DELIVERY_ATTEMPTS = 5;
/** How long a sender holds a delivery before another worker may take it over. */
const LEASE_MS = DELIVERY_TIMEOUT_MS * 4;

/** What delivering needs. */
export type DeliveryDeps = Deps;

/** Queues the sending of one delivery (idempotent per delivery and attempt). */
export function enqueueDelivery(jobs: Jobs, row: Pick<WebhookDeliveryRow, 'id' | 'attempts' | 'locked_until' | 'status'>): Promise<void> {
  const delayMs = row.status === 'pending' && row.locked_until !== null ? Math.max(0, row.locked_until - now()) : 0;
  return jobs.enqueue(DELIVER_WEBHOOK, { id: row.id }, { dedupeKey: `delivery:${row.id}:${row.attempts}`, delayMs });
}

/**
 * Sends the first open delivery of a group from this process now; the rest follow it one
 * by one, keeping their order. Nothing is queued: the delivery rows are the record, and the
 * resume sweep picks up a group whose process died before sending.
 */
export function kickGroup(deps: Pick<DeliveryDeps, 'jobs'>, groupKey: string): void {
  deps.jobs.runNow(DELIVER_WEBHOOK, { group: groupKey });
}

/** Where a delivery goes now and the secrets it is signed with; `disabled` for a disabled account webhook. */
interface Receiver {
  url: string;
  secrets: SigningSecrets;
  disabled: boolean;
  /** Where its failure streak is kept. */
  owner: StreakOwner;
  /** In a failure streak: its health must hear of this attempt's outcome even when it succeeds. */
  failing: boolean;
}

/** The receiver of a delivery as it is now; null when it is gone. */
async function receiverOf(deps: DeliveryDeps, row: WebhookDeliveryRow): Promise<Receiver | null> {
  const db = deps.db.kysely;
  if (row.target_type === 'Webhook') {
    const webhook = await webhookRepository.findById(db, row.account_id, row.target_id);
    return webhook ? {
      url: webhook.url, secrets: signingSecrets(webhook), disabled: webhook.status === WEBHOOK_STATUS.disabled, owner: { table: 'webhooks', id: webhook.id },
      failing: webhook.failing_since !== null,
    } : null;
  }
  if (row.target_type === 'AgentBot') {
    const bot = await agentBotRepository.findById(db, row.target_id);
    return bot?.outgoing_url ? { url: bot.outgoing_url, secrets: signingSecrets(bot), disabled: false, owner: { table: 'agent_bots', id: bot.id }, failing: bot.failing_since !== null } : null;
  }
  const inbox = await inboxRepository.findById(db, row.account_id, row.target_id);
  const channel = inbox?.channel_type === 'Channel::Api' ? await channelApiRepository.findById(db, row.account_id, inbox.channel_id) : undefined;
  return channel?.webhook_url ? { url: channel.webhook_url, secrets: signingSecrets(channel), disabled: false, owner: { table: 'channel_api', id: channel.id }, failing: channel.failing_since !== null } : null;
}

function send(deps: DeliveryDeps, row: WebhookDeliveryRow, receiver: Receiver | null): Promise<DeliveryOutcome> {
  if (!receiver) {
    return Promise.resolve({ ok: false, retryable: false, status: null, latencyMs: 0, error: 'the receiver no longer exists' });
  }
  return deliver({
    url: receiver.url, body: row.body, secret: receiver.secrets.secret, previousSecret: receiver.secrets.previous,
    deliveryId: row.delivery_id, refusePrivate: !deps.env.allowPrivateWebhookTargets,
  });
}

/** Holds a claimed delivery of a disabled webhook (the attempt it was claimed for is not counted). */
function hold(deps: DeliveryDeps, row: WebhookDeliveryRow): Promise<void> {
  return webhookDeliveryRepository.update(deps.db.kysely, row.id, { status: 'paused', attempts: row.attempts - 1, locked_until: null });
}

/** Claims the delivery a payload names: `{group}` the first open one of a group, `{id}` that one. */
function claimFor(deps: DeliveryDeps, payload: Record<string, unknown>): Promise<WebhookDeliveryRow | undefined> {
  return typeof payload.group === 'string'
    ? webhookDeliveryRepository.claimHead(deps.db.kysely, payload.group, LEASE_MS)
    : webhookDeliveryRepository.claim(deps.db.kysely, Number(payload.id), LEASE_MS);
}

/**
 * Sends one delivery: claims it (only when no earlier delivery of its group is open),
 * POSTs it signed, and records the outcome. Network errors, 429 and 5xx are retried with
 * backoff up to MAX_DELIVERY_ATTEMPTS, then the delivery is dead; other answers fail it
 * at once. A finished delivery hands its group on to the next one. Runs as a queued job
 * (retries, the resume sweep: `{id}`) and in process right after the delivery is recorded
 * (`{group}`, see kickGroup).
 */
export function deliverWebhookHandler(deps: DeliveryDeps): JobHandler {
  return async (payload) => {
    const db = deps.db.kysely;
    const row = await claimFor(deps, payload);
    if (!row) {
      return;
    }
    const receiver = await receiverOf(deps, row);
    if (receiver?.disabled) {
      await hold(deps, row);
      return;
    }
    const outcome = await send(deps, row, receiver);
    const result = { response_code: outcome.status, latency_ms: outcome.latencyMs, last_error: outcome.error };
    const healthChanges = !outcome.ok || receiver?.failing === true;
    if (receiver && healthChanges && (await trackReceiverHealth(deps, row, receiver.owner, outcome)) === 'disabled') {
      await webhookDeliveryRepository.update(db, row.id, { ...result, status: 'paused', attempts: row.attempts, locked_until: null });
      return;
    }
    if (outcome.ok) {
      await webhookDeliveryRepository.update(db, row.id, { ...result, status: 'succeeded', locked_until: null, delivered_at: now() });
      await handleDeliveryRecovered(deps, row);
    } else if (outcome.retryable && row.attempts < (row.target_type === 'AgentBot' ? MAX_BOT_DELIVERY_ATTEMPTS : MAX_DELIVERY_ATTEMPTS)) {
      const retryAt = now() + backoffMs(deps.jobs.config, row.attempts);
      await webhookDeliveryRepository.update(db, row.id, { ...result, status: 'pending', locked_until: retryAt });
      await enqueueDelivery(deps.jobs, { ...row, status: 'pending', locked_until: retryAt });
      return;
    } else {
      await webhookDeliveryRepository.update(db, row.id, { ...result, status: outcome.retryable ? 'dead' : 'failed', locked_until: null });
      deps.log.warn({ deliveryId: row.delivery_id, target: row.target_type, error: outcome.error }, 'webhook delivery given up');
      await handleDeliveryGivenUp(deps, row, outcome.error);
    }
    // Hands the group on. A delivery recorded after this look was started by its recorder: this one was no longer open.
    if (await webhookDeliveryRepository.hasOpen(db, row.group_key)) {
      kickGroup(deps, row.group_key);
    }
  };
}
