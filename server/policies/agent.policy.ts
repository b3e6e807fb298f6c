import type { Actor } from '../context.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/** What the actor may do with the account's agents (Chatwoot's `UserPolicy`). */
export function agentAbilities(actor: Actor) {
  const admin = can(actor, 'administrator');
  return { read: actor.type === 'User', create: admin, update: admin, destroy: admin };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on agents. */
export function authorizeAgent(actor: Actor, action: keyof ReturnType<typeof agentAbilities>): void {
  if (!agentAbilities(actor)[action]) {
    throw unauthorized();
  }
}
