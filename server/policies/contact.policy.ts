import type { Actor } from '../context.js';
import type { InboxRow } from '../db/schema.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/**
 * What the actor may do with the account's contacts (Chatwoot's ContactPolicy):
 * every member reads and writes them, only administrators delete; importing and
 * exporting is for administrators and custom roles with `contact_manage`.
 */
export function contactAbilities(actor: Actor) {
  const member = can(actor, 'member');
  const manage = can(actor, 'administrator', 'contact_manage');
  return {
    index: member, search: member, show: member, create: member, update: member, delete: can(actor, 'administrator'),
    import: manage, export: manage,
  };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on contacts. */
export function authorizeContact(actor: Actor, action: keyof ReturnType<typeof contactAbilities>): void {
  if (!contactAbilities(actor)[action]) {
    throw unauthorized();
  }
}

/**
 * Whether the actor may use the inbox for a contact (InboxPolicy#show?): an
 * administrator every inbox of the account, an agent the inboxes they are a member of.
 */
export function mayUseInbox(actor: Actor, inbox: InboxRow, memberInboxIds: ReadonlySet<number>): boolean {
  if (can(actor, 'administrator')) {
    return true;
  }
  return can(actor, 'member') && memberInboxIds.has(inbox.id);
}

/** Throws 401 when the actor may not use the inbox (contact inbox creation). */
export function authorizeInboxUse(actor: Actor, inbox: InboxRow, memberInboxIds: ReadonlySet<number>): void {
  if (!mayUseInbox(actor, inbox, memberInboxIds)) {
    throw unauthorized();
  }
}
