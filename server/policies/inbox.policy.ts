import type { Actor } from '../context.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/**
 * What the actor may do with an inbox. `isMember` says whether the actor is one of
 * the inbox's members; administrators see every inbox of their account (Chatwoot's
 * `InboxPolicy`, `User#assigned_inboxes`).
 */
export function inboxAbilities(actor: Actor, isMember: boolean) {
  const admin = can(actor, 'administrator');
  return {
    read: admin || (can(actor, 'member') && isMember),
    create: admin,
    update: admin,
    destroy: admin,
    manageMembers: admin,
    /** hmac_token and secret of the channel. */
    readSecrets: admin,
    /** The API channel callback's delivery log and redelivery (beyond Chatwoot). */
    deliveries: admin,
  };
}

export type InboxAction = keyof ReturnType<typeof inboxAbilities>;

/** Throws Chatwoot's 401 when the actor may not do `action` on the inbox. */
export function authorizeInbox(actor: Actor, action: InboxAction, isMember: boolean): void {
  if (!inboxAbilities(actor, isMember)[action]) {
    throw unauthorized();
  }
}

/**
 * The membership filter for inbox lists: null (all of the account's inboxes) for
 * administrators, else the user whose inbox memberships limit the list.
 */
export function visibleInboxesMemberFilter(actor: Actor): number | null {
  return can(actor, 'administrator') ? null : actor.type === 'User' ? actor.id : -1;
}
