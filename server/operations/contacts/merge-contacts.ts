import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { ContactRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { unprocessable } from '../../lib/errors.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { noteRepository } from '../../repositories/note.repository.js';
import { taggingRepository } from '../../repositories/tagging.repository.js';
import { replaceContactLabels } from './replace-contact-labels.js';
import { deepMerge } from './deep-merge.js';
import { deleteContact } from './delete-contact.js';
import type { ContactInput } from './prepare-contact-attributes.js';
import { updateContact } from './update-contact.js';

type Json = Record<string, unknown>;
const MERGED_KEYS = ['identifier', 'name', 'email', 'phone_number', 'additional_attributes', 'custom_attributes'] as const;

/** The mergeable attributes of a contact without blank values (Rails' compact_blank). */
function mergeableOf(contact: ContactRow): Json {
  const values: Json = {};
  for (const key of MERGED_KEYS) {
    const value: unknown = contact[key];
    const blank = value === null || value === '' || (typeof value === 'object' && Object.keys(value as Json).length === 0);
    if (!blank) {
      values[key] = value;
    }
  }
  return values;
}

/** The update that makes `base` hold the merged attributes; only the keys that differ. */
function mergedInput(base: ContactRow, mergee: ContactRow): ContactInput {
  const merged = deepMerge(mergeableOf(mergee), mergeableOf(base));
  const input: Json = {};
  for (const key of MERGED_KEYS) {
    if (merged[key] !== undefined && JSON.stringify(merged[key]) !== JSON.stringify(base[key])) {
      input[key] = merged[key];
    }
  }
  return input as ContactInput;
}

/** The base keeps its labels and gains the mergee's (recording contact.updated when that adds any). */
async function mergeLabels(ctx: Ctx, base: ContactRow, mergee: ContactRow): Promise<void> {
  const mergeeTitles = await taggingRepository.listTitles(ctx.db, ctx.accountId, 'Contact', mergee.id);
  const baseTitles = await taggingRepository.listTitles(ctx.db, ctx.accountId, 'Contact', base.id);
  const added = mergeeTitles.filter((title) => !baseTitles.includes(title));
  if (added.length > 0) {
    await replaceContactLabels(ctx, base, [...baseTitles, ...added]);
  }
}

/**
 * Merges `mergee` into `base` (ContactMergeAction): the mergee's conversations, sent
 * messages, contact inboxes, notes and labels move to the base (each conversation records
 * conversation.contact_changed), the mergee is deleted (contact.deleted), contact.merged
 * is recorded, then the base takes the mergee's attributes where its own are blank
 * (hashes deep-merged, the base winning), recording contact.updated when that changes
 * anything. Returns the base as it now is.
 */
export async function mergeContacts(ctx: Ctx, base: ContactRow, mergee: ContactRow): Promise<ContactRow> {
  if (base.id === mergee.id) {
    return base;
  }
  if (base.account_id !== ctx.accountId || mergee.account_id !== ctx.accountId) {
    throw unprocessable('contact does not belong to the account');
  }
  const conversationIds = await contactRepository.conversationIds(ctx.db, ctx.accountId, mergee.id);
  await contactRepository.moveRecords(ctx.db, ctx.accountId, mergee.id, base.id);
  for (const conversationId of conversationIds) {
    await recordEvent(ctx.db, {
      name: 'conversation.contact_changed', accountId: ctx.accountId, actor: eventActor(ctx.actor), conversationId,
      changes: { contact_id: [mergee.id, base.id] },
    });
  }
  await noteRepository.moveToContact(ctx.db, ctx.accountId, mergee.id, base.id);
  await mergeLabels(ctx, base, mergee);
  const input = mergedInput(base, mergee);
  await deleteContact(ctx, mergee);
  await recordEvent(ctx.db, {
    name: 'contact.merged', accountId: ctx.accountId, actor: eventActor(ctx.actor), contactId: base.id, data: { mergee_id: mergee.id },
  });
  const current = (await contactRepository.findById(ctx.db, ctx.accountId, base.id)) ?? base;
  return Object.keys(input).length > 0 ? updateContact(ctx, current, input) : current;
}
