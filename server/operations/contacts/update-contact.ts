import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { ContactRow } from '../../db/schema.js';
import type { Changes } from '../../events/catalog.js';
import { recordEvent } from '../../events/outbox.js';
import { now } from '../../lib/clock.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { prepareContactAttributes, type ContactInput, type ContactValues } from './prepare-contact-attributes.js';
import { rethrowTaken } from './taken-error.js';

/**
 * Updates a contact (Chatwoot's contacts#update): attribute hashes are merged into
 * the stored ones. Records `contact.updated` with the columns that changed
 * (`updated_at` included, as Rails' previous_changes); a save that changes nothing
 * writes nothing and records the event with no changes.
 */
export async function updateContact(ctx: Ctx, contact: ContactRow, input: ContactInput): Promise<ContactRow> {
  const values = await prepareContactAttributes(ctx, contact, input);
  const changes = changedColumns(contact, values);
  let updated = contact;
  if (Object.keys(changes).length > 0) {
    const set = Object.fromEntries(Object.entries(changes).map(([key, [, after]]) => [key, after]));
    try {
      updated = await contactRepository.update(ctx.db, ctx.accountId, contact.id, { ...set, updated_at: now() });
    } catch (error) {
      return rethrowTaken(error, ['email', 'identifier', 'phone_number']);
    }
    changes.updated_at = [contact.updated_at, updated.updated_at];
  }
  await recordEvent(ctx.db, {
    name: 'contact.updated', accountId: ctx.accountId, actor: eventActor(ctx.actor), contactId: contact.id, changes,
  });
  return updated;
}

/** `{column: [before, after]}` for each column whose value differs (hashes compared as JSON). */
function changedColumns(contact: ContactRow, values: ContactValues): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(values) as Array<keyof ContactValues>) {
    if (JSON.stringify(contact[key]) !== JSON.stringify(values[key])) {
      changes[key] = [contact[key], values[key]];
    }
  }
  return changes;
}
