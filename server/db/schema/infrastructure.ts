import type { Generated } from 'kysely';
import type { Json, Ms } from './types.js';

export interface EventsTable {
  id: Generated<number>;
  name: string;
  account_id: number | null;
  /** The conversation's DB id when the event concerns one; events of one conversation are delivered in order. */
  conversation_id: number | null;
  payload: Json;
  attempts: number;
  last_error: string | null;
  created_at: Ms;
  dispatched_at: Ms | null;
}

export interface IdempotencyKeysTable {
  id: Generated<number>;
  /** Who sent it: `<owner_type>:<owner_id>`, so keys of different callers never meet. */
  scope: string;
  key: string;
  method: string;
  path: string;
  request_digest: string;
  /** null while the first request is still in flight. */
  response_status: number | null;
  response_body: string | null;
  response_content_type: string | null;
  created_at: Ms;
}

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: Json;
  /** waiting (never started) | retrying | running | dead. Finished jobs are deleted. */
  state: 'waiting' | 'retrying' | 'running' | 'dead';
  attempts: number;
  max_attempts: number;
  run_at: Ms;
  /** A running job's lease; past it, a crashed worker's job is taken again. */
  locked_until: Ms | null;
  dedupe_key: string | null;
  last_error: string | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface WebhooksTable {
  id: Generated<number>;
  account_id: number;
  inbox_id: number | null;
  url: string;
  /** account_type 0, inbox_type 1. */
  webhook_type: number;
  subscriptions: string[];
  name: string | null;
  secret: string;
  /** The secret before the last rotation, still signing deliveries until previous_secret_expires_at. */
  previous_secret: Generated<string | null>;
  previous_secret_expires_at: Generated<Ms | null>;
  /** 0 enabled, 1 disabled (by an administrator, or after failing every attempt for a day). */
  status: Generated<number>;
  disabled_at: Generated<Ms | null>;
  /** The first failed attempt of the current failure streak; null once an attempt succeeds. */
  failing_since: Generated<Ms | null>;
  created_at: Ms;
  updated_at: Ms;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  /** The `X-Chatwoot-Delivery` id, stable across retries. */
  delivery_id: string;
  account_id: number;
  target_type: 'Webhook' | 'Channel::Api' | 'AgentBot';
  target_id: number;
  /** The outbox event it came from (one delivery per event and target). */
  event_id: number | null;
  event: string;
  /** Deliveries of one group (target + conversation or contact) go out in id order. */
  group_key: string;
  /** The raw JSON body, signed and sent as is on every attempt. */
  body: string;
  /** `paused`: held while its webhook is disabled; re-enabling sends it. */
  status: 'pending' | 'sending' | 'succeeded' | 'failed' | 'dead' | 'paused';
  attempts: number;
  response_code: number | null;
  latency_ms: number | null;
  last_error: string | null;
  locked_until: Ms | null;
  delivered_at: Ms | null;
  created_at: Ms;
  updated_at: Ms;
}

/** The outbox, idempotency keys, jobs and webhooks. */
export interface InfrastructureTables {
  events: EventsTable;
  idempotency_keys: IdempotencyKeysTable;
  jobs: JobsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
