import type { Actor } from '../context.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/**
 * What the actor may do with custom attribute definitions (Chatwoot's
 * CustomAttributeDefinitionPolicy): every member lists and shows them; creating,
 * updating and deleting one is for administrators.
 */
export function customAttributeDefinitionAbilities(actor: Actor) {
  const member = can(actor, 'member');
  const admin = can(actor, 'administrator');
  return { index: member, show: member, create: admin, update: admin, destroy: admin };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on custom attribute definitions. */
export function authorizeCustomAttributeDefinition(actor: Actor, action: keyof ReturnType<typeof customAttributeDefinitionAbilities>): void {
  if (!customAttributeDefinitionAbilities(actor)[action]) {
    throw unauthorized();
  }
}
