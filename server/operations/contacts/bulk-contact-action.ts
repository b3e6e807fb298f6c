import type { Ctx } from '../../context.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { taggingRepository } from '../../repositories/tagging.repository.js';
import { deleteContact } from './delete-contact.js';
import { replaceContactLabels } from './replace-contact-labels.js';

/** A contacts bulk action (Contacts::BulkActionService params). */
export interface BulkContactInput {
  ids: number[];
  action_name?: string | null;
  labels?: { add?: string[]; remove?: string[] } | null;
}

/** What was done, and to which contacts. */
export interface BulkContactResult {
  operation: 'delete' | 'add_labels' | 'remove_labels' | 'none';
  contactIds: number[];
}

/**
 * Runs a contacts bulk action as Contacts::BulkActionService chooses it: `action_name`
 * delete first, else labels to add, else labels to remove; anything else does nothing.
 * Ids of other accounts are ignored. Each contact deleted records contact.deleted,
 * each contact whose labels change records contact.updated (label_list).
 */
export async function bulkContactAction(ctx: Ctx, input: BulkContactInput): Promise<BulkContactResult> {
  const contacts = await contactRepository.findByIds(ctx.db, ctx.accountId, [...new Set(input.ids)]);
  const add = (input.labels?.add ?? []).map((title) => title.trim()).filter((title) => title !== '');
  const remove = (input.labels?.remove ?? []).map((title) => title.trim()).filter((title) => title !== '');
  if (input.action_name === 'delete') {
    for (const contact of contacts) {
      await deleteContact(ctx, contact);
    }
    return { operation: 'delete', contactIds: contacts.map((c) => c.id) };
  }
  if (add.length === 0 && remove.length === 0) {
    return { operation: 'none', contactIds: [] };
  }
  const titles = await taggingRepository.titlesFor(ctx.db, ctx.accountId, 'Contact', contacts.map((c) => c.id));
  for (const contact of contacts) {
    const have = titles.get(contact.id) ?? [];
    const wanted = add.length > 0 ? [...have, ...add.filter((title) => !have.includes(title))] : have.filter((title) => !remove.includes(title));
    if (wanted.join('\n') !== have.join('\n')) {
      await replaceContactLabels(ctx, contact, wanted);
    }
  }
  return { operation: add.length > 0 ? 'add_labels' : 'remove_labels', contactIds: contacts.map((c) => c.id) };
}
