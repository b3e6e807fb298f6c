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

/** A delivery row as recordDeliveries takes it. */
export type DeliveryRow = Parameters<typeof webhookDeliveryRepository.insertMany>[1][number];

/** Rows recorded per INSERT: well under both engines' limits on bound parameters. */
const ROWS_PER_INSERT = 500;

/**
 * One delivery of `body` per target; the body is serialized here, once: every attempt sends
 * and signs the same bytes.
 */
export function deliveryRows(event: DomainEvent, eventName: string, body: Record<string, unknown>, targets: DeliveryTarget[]): DeliveryRow[] {
  if (targets.length === 0 || event.accountId === null) {
    return [];
  }
  const raw = JSON.stringify(body);
  return targets.map((target) => ({
    delivery_id: uuid(), account_id: event.accountId as number, target_type: target.type, target_id: target.id,
    event_id: event.id, event: eventName, group_key: groupKey(target, event), body: raw, status: target.held ? 'paused' as const : 'pending' as const,
    attempts: 0, response_code: null, latency_ms: null, last_error: null, locked_until: null, delivered_at: null,
  }));
}

/**
 * Records deliveries (once per event and target, so a replayed event adds nothing) and starts
 * the sending of each group they open.
 */
export async function recordDeliveries(deps: Pick<DeliveryDeps, 'db' | 'jobs'>, rows: DeliveryRow[]): Promise<void> {
  for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
    await webhookDeliveryRepository.insertMany(deps.db.kysely, rows.slice(from, from + ROWS_PER_INSERT));
  }
  for (const key of new Set(rows.filter((r) => r.status === 'pending').map((r) => r.group_key))) {
    kickGroup(deps, key);
  }
}

/** Records one delivery of `body` per target and starts their sending (deliveryRows, then recordDeliveries). */
export function queueDeliveries(
  deps: Pick<DeliveryDeps, 'db' | 'jobs'>,
  event: DomainEvent,
  eventName: string,
  body: Record<string, unknown>,
  targets: DeliveryTarget[],
): Promise<void> {
  return recordDeliveries(deps, deliveryRows(event, eventName, body, targets));
}
