import type { Actor } from '../context.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/**
 * Canned responses (Chatwoot's controller authorizes no further): every member of the
 * account lists, creates, updates and deletes them.
 */
export function cannedResponseAbilities(actor: Actor) {
  const member = can(actor, 'member');
  return { index: member, create: member, update: member, destroy: member };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on canned responses. */
export function authorizeCannedResponse(actor: Actor, action: keyof ReturnType<typeof cannedResponseAbilities>): void {
  if (!cannedResponseAbilities(actor)[action]) {
    throw unauthorized();
  }
}
