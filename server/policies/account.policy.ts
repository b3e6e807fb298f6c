import type { Actor } from '../context.js';
import { isAdministrator } from '../context.js';
import type { AccountRow } from '../db/schema.js';
import { unauthorized } from '../lib/errors.js';

/** What the actor may do with the account it addresses. */
export function accountAbilities(actor: Actor, _account: AccountRow) {
  return { read: actor.type === 'User', update: isAdministrator(actor) };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on the account. */
export function authorizeAccount(actor: Actor, action: keyof ReturnType<typeof accountAbilities>, account: AccountRow): void {
  if (!accountAbilities(actor, account)[action]) {
    throw unauthorized();
  }
}
