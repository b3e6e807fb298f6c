import type { Executor } from '../../../../../db/dialect.js';
import type { ContactRow } from '../../../../../db/schema.js';
import type { ContactExtras } from '../../../../../presenters/contact.presenter.js';
import { loadContactInboxes } from '../../../../../finders/contact.finder.js';
import { notFound } from '../../../../../lib/errors.js';
import { contactRepository } from '../../../../../repositories/contact.repository.js';

/** The account's contact, or 404; `lock` row-locks it for a read-modify-write inside a transaction. */
export async function loadContact(db: Executor, accountId: number, id: number, lock = false): Promise<ContactRow> {
  const contact = lock ? await contactRepository.findForUpdate(db, accountId, id) : await contactRepository.findById(db, accountId, id);
  if (!contact) {
    throw notFound();
  }
  return contact;
}

/** Chatwoot's `include_contact_inboxes`: true unless sent and not `'true'`. */
export function includesContactInboxes(value: string | undefined): boolean {
  return value === undefined || value === '' ? true : value === 'true';
}

/** What each contact is presented with: its contact inboxes when asked for, loaded in one batch. */
export async function contactExtras(db: Executor, contacts: ContactRow[], withContactInboxes: boolean): Promise<(contact: ContactRow) => ContactExtras> {
  if (!withContactInboxes) {
    return () => ({});
  }
  const byContact = await loadContactInboxes(db, contacts.map((contact) => contact.id));
  return (contact) => ({ contactInboxes: byContact.get(contact.id) ?? [] });
}
