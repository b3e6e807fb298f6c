import type { Actor } from '../context.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/** What the actor may do with custom roles (Chatwoot's CustomRolePolicy): administrators only. */
export function customRoleAbilities(actor: Actor) {
  const admin = can(actor, 'administrator');
  return { index: admin, show: admin, create: admin, update: admin, destroy: admin };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on custom roles. */
export function authorizeCustomRole(actor: Actor, action: keyof ReturnType<typeof customRoleAbilities>): void {
  if (!customRoleAbilities(actor)[action]) {
    throw unauthorized();
  }
}
