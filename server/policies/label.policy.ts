import type { Actor } from '../context.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/**
 * What the actor may do with the account's labels (Chatwoot's LabelPolicy): every
 * member lists them; showing, creating, updating and deleting one is for administrators.
 */
export function labelAbilities(actor: Actor) {
  const admin = can(actor, 'administrator');
  return { index: can(actor, 'member'), show: admin, create: admin, update: admin, destroy: admin };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on labels. */
export function authorizeLabel(actor: Actor, action: keyof ReturnType<typeof labelAbilities>): void {
  if (!labelAbilities(actor)[action]) {
    throw unauthorized();
  }
}
