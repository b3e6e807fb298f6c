import type { Deps } from '../context.js';
import { SYSTEM, eventActor, withTransaction } from '../context.js';
import type { ContactRow } from '../db/schema.js';
import { recordEvents } from '../events/outbox.js';
import { contactRepository } from '../repositories/contact.repository.js';
import { taggingRepository } from '../repositories/tagging.repository.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem); it runs every REMOVE_STALE_CONTACTS_EVERY_MS. */
export const REMOVE_STALE_CONTACTS = 'remove-stale-contacts';
export const REMOVE_STALE_CONTACTS_EVERY_MS = 24 * 3_600_000;
/** Anonymous contacts younger than this are kept. */
export const STALE_CONTACT_AGE_MS = 30 * 24 * 3_600_000;
const BATCH = 1000;

async function removeBatch(deps: Deps, contacts: ContactRow[]): Promise<void> {
  const byAccount = new Map<number, ContactRow[]>();
  for (const contact of contacts) {
    byAccount.set(contact.account_id, [...(byAccount.get(contact.account_id) ?? []), contact]);
  }
  await withTransaction(deps, async (tx) => {
    for (const [accountId, rows] of byAccount) {
      const ids = rows.map((row) => row.id);
      await taggingRepository.removeAllFor(tx, accountId, 'Contact', ids);
      await contactRepository.removeMany(tx, accountId, ids);
      await recordEvents(tx, rows.map((row) => ({
        name: 'contact.deleted' as const, accountId, actor: eventActor(SYSTEM), contactId: row.id, data: { contact: { ...row } },
      })));
    }
  });
}

/**
 * Housekeeping (Internal::RemoveStaleContactsService): deletes contacts with no email,
 * phone number or identifier, no conversation, created more than 30 days ago, a
 * thousand per transaction, recording contact.deleted for each.
 */
export function removeStaleContactsHandler(deps: Deps): JobHandler {
  return async () => {
    const before = Date.now() - STALE_CONTACT_AGE_MS;
    let removed = 0;
    for (;;) {
      const batch = await contactRepository.staleWithoutConversations(deps.db.kysely, before, BATCH);
      if (batch.length === 0) {
        break;
      }
      await removeBatch(deps, batch);
      removed += batch.length;
    }
    if (removed > 0) {
      deps.log.info({ removed }, 'removed stale contacts');
    }
  };
}
