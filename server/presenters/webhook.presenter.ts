import { Type, type Static } from '@sinclair/typebox';
import type { InboxRow, WebhookDeliveryRow, WebhookRow } from '../db/schema.js';
import { now, toIso } from '../lib/clock.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

/** A webhook (`accounts/webhooks/_webhook.json.jbuilder`); `inbox` only when one is linked. */
export const WebhookJson = Type.Object({
  id: Type.Integer(),
  name: NullableString,
  url: Type.String(),
  account_id: Type.Integer(),
  subscriptions: Type.Array(Type.String()),
  secret: Type.String(),
  // Beyond Chatwoot:
  status: Type.Union([Type.Literal('enabled'), Type.Literal('disabled')]),
  disabled_at: NullableString,
  previous_secret_expires_at: Type.Union([Type.String(), Type.Null()], {
    description: 'Until then deliveries also carry X-Chatwoot-Signature-Previous, made with the secret before the last rotation',
  }),
  inbox: Type.Optional(Type.Object({ id: Type.Integer(), name: Type.String() })),
});

/** Webhook shape; `inbox` is the linked inbox row, when there is one. Status and rotation (beyond Chatwoot) come before `inbox`, which the serializer puts last. */
export function presentWebhook(row: WebhookRow, inbox: InboxRow | undefined): Static<typeof WebhookJson> {
  const overlap = row.previous_secret !== null && row.previous_secret_expires_at !== null && row.previous_secret_expires_at > now();
  return {
    id: row.id, name: row.name, url: row.url, account_id: row.account_id, subscriptions: row.subscriptions, secret: row.secret,
    status: row.status === 1 ? 'disabled' : 'enabled',
    disabled_at: toIso(row.disabled_at),
    previous_secret_expires_at: overlap ? toIso(row.previous_secret_expires_at) : null,
    ...(inbox ? { inbox: { id: inbox.id, name: inbox.name } } : {}),
  };
}

/** One delivery in the log (beyond Chatwoot): what was sent, how it went. */
export const WebhookDeliveryJson = Type.Object({
  id: Type.String({ description: 'The X-Chatwoot-Delivery id' }),
  event: Type.String(),
  status: Type.String({ description: 'pending | sending | succeeded | failed (not retried) | dead (every attempt failed) | paused (held while the webhook is disabled)' }),
  attempts: Type.Integer(),
  response_code: NullableInt,
  latency_ms: NullableInt,
  last_error: NullableString,
  next_attempt_at: NullableString,
  created_at: Type.String(),
  delivered_at: NullableString,
  payload: Type.Object({}, { additionalProperties: true }),
});

/** Delivery log shape; `next_attempt_at` is set while a retry waits. */
export function presentWebhookDelivery(row: WebhookDeliveryRow): Static<typeof WebhookDeliveryJson> {
  return {
    id: row.delivery_id, event: row.event, status: row.status, attempts: row.attempts, response_code: row.response_code,
    latency_ms: row.latency_ms, last_error: row.last_error,
    next_attempt_at: row.status === 'pending' ? toIso(row.locked_until) : null,
    created_at: toIso(row.created_at) as string, delivered_at: toIso(row.delivered_at),
    payload: JSON.parse(row.body) as Record<string, unknown>,
  };
}
