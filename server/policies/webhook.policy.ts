import type { Actor } from '../context.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/** What the actor may do with the account's webhooks (Chatwoot's WebhookPolicy): administrators only. */
export function webhookAbilities(actor: Actor) {
  const admin = can(actor, 'administrator');
  return { index: admin, create: admin, update: admin, destroy: admin, deliveries: admin, redeliver: admin };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on webhooks. */
export function authorizeWebhook(actor: Actor, action: keyof ReturnType<typeof webhookAbilities>): void {
  if (!webhookAbilities(actor)[action]) {
    throw unauthorized();
  }
}
