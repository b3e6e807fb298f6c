import type { Actor } from '../context.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/**
 * What the actor may do with the account's teams and their members (Chatwoot's TeamPolicy
 * and TeamMemberPolicy): every member lists and shows; writes are for administrators.
 */
export function teamAbilities(actor: Actor) {
  const admin = can(actor, 'administrator');
  const member = can(actor, 'member');
  return { index: member, show: member, create: admin, update: admin, destroy: admin, manageMembers: admin };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on teams. */
export function authorizeTeam(actor: Actor, action: keyof ReturnType<typeof teamAbilities>): void {
  if (!teamAbilities(actor)[action]) {
    throw unauthorized();
  }
}
