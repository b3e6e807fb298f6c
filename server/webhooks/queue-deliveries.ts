import type { WebhookDeliveriesTable } from '../db/schema.js';
import type { DomainEvent } from '../events/catalog.js';
import { kickGroup, type DeliveryDeps } from '../jobs/deliver-webhook.job.js';
import { uuid } from '../lib/tokens.js';
import { webhookDeliveryRepository } from '../repositories/webhook-delivery.repository.js';

/** A receiver of webhook payloads: an account webhook, an API inbox (by inbox id) or an agent bot. */
export interface DeliveryTarget {
  type: WebhookDeliveriesTable['target_type'];
  id: number;
  /** A disabled webhook: the delivery is recorded held (`paused`) and goes out when it is enabled again. */
  held?: boolean;
}

/** Deliveries to one receiver about one conversation (or contact) go out in order. */
function groupKey(target: DeliveryTarget, event: DomainEvent): string {
  const subject = event.conversationId !== undefined && event.conversationId !== null ? `c${event.conversationId}`
    : event.contactId !== undefined && event.contactId !== null ? `p${event.contactId}` : `e${event.id}`;
  return `${target.type}:${target.id}:${subject}`;
}

/**
 * Records one delivery of `body` per target (once per event and target, so a replayed
 * event adds nothing) and queues the sending. The body is serialized here, once: every
 * attempt sends and signs the same bytes.
 */
export async function queueDeliveries(
  deps: Pick<DeliveryDeps, 'db' | 'jobs'>,
  event: DomainEvent,
  eventName: string,
  body: Record<string, unknown>,
  targets: DeliveryTarget[],
): Promise<void> {
  if (targets.length === 0 || event.accountId === null) {
    return;
  }
  const raw = JSON.stringify(body);
  const rows = targets.map((target) => ({
    delivery_id: uuid(), account_id: event.accountId as number, target_type: target.type, target_id: target.id,
    event_id: event.id, event: eventName, group_key: groupKey(target, event), body: raw, status: target.held ? 'paused' as const : 'pending' as const,
    attempts: 0, response_code: null, latency_ms: null, last_error: null, locked_until: null, delivered_at: null,
  }));
  await webhookDeliveryRepository.insertMany(deps.db.kysely, rows);
  for (const key of new Set(rows.filter((r) => r.status === 'pending').map((r) => r.group_key))) {
    kickGroup(deps, key);
  }
}
