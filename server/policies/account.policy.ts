import type { Actor } from '../context.js';
import type { AccountRow } from '../db/schema.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/** What the actor may do with the account it addresses. */
export function accountAbilities(actor: Actor, _account: AccountRow) {
  return { read: can(actor, 'member'), update: can(actor, 'administrator') };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on the account. */
export function authorizeAccount(actor: Actor, action: keyof ReturnType<typeof accountAbilities>, account: AccountRow): void {
  if (!accountAbilities(actor, account)[action]) {
    throw unauthorized();
  }
}
