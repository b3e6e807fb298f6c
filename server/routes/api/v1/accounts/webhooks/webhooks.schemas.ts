import { Type } from '@sinclair/typebox';
import { WebhookDeliveryJson, WebhookJson } from '../../../../../presenters/webhook.presenter.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const AccountParams = Type.Object({ account_id: Id });
export const WebhookParams = Type.Object({ account_id: Id, id: Id });
export const DeliveryParams = Type.Object({ account_id: Id, id: Id, delivery_id: Type.String({ maxLength: 64 }) });
export const DeliveriesQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });

/** Create and update take the same fields, inside `webhook` or flat (Rails' params wrapper). */
export const WebhookBody = Type.Object({
  url: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 2048 })),
  name: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 255 })),
  subscriptions: Type.Optional(Type.Unsafe<string[] | null>({ type: ['array', 'null'], items: { type: 'string', maxLength: 64 }, maxItems: 50 })),
  inbox_id: Type.Optional(Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: 2_147_483_647 })),
  /** Beyond Chatwoot: `disabled` holds deliveries, `enabled` sends what was missed. */
  status: Type.Optional(Type.Union([Type.Literal('enabled'), Type.Literal('disabled')])),
});

/** rotate_secret: how long the old secret keeps signing (default WEBHOOK_SECRET_OVERLAP_SECONDS; 0 ends it at once; at most 30 days). */
export const RotateSecretBody = Type.Object({
  overlap_seconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 86_400 })),
});

export const WebhookListResponse = { 200: Type.Object({ payload: Type.Object({ webhooks: Type.Array(WebhookJson) }) }) };
export const WebhookResponse = { 200: Type.Object({ payload: Type.Object({ webhook: WebhookJson }) }) };
export const EmptyResponse = { 200: Type.Null({ description: 'Empty body' }) };
export const DeliveryListResponse = {
  200: Type.Object({
    meta: Type.Object({
      count: Type.Integer(),
      current_page: Type.Integer(),
      /** API inboxes and agent bots (an account webhook shows its streak through `status`). */
      failing_since: Type.Optional(Type.Union([Type.String(), Type.Null()], {
        description: 'API inbox callbacks and agent bots: when the current streak of failed attempts began; null when the last attempt succeeded',
      })),
    }),
    payload: Type.Object({ deliveries: Type.Array(WebhookDeliveryJson) }),
  }),
};
export const DeliveryResponse = { 200: Type.Object({ payload: Type.Object({ delivery: WebhookDeliveryJson }) }) };
