import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { ContactRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { taggingRepository } from '../../repositories/tagging.repository.js';

/**
 * Deletes a contact with its contact inboxes, conversations and their messages
 * (foreign keys cascade) and the labels on it and on those conversations. Records
 * `contact.deleted` carrying the deleted row, since consumers can no longer read it.
 */
export async function deleteContact(ctx: Ctx, contact: ContactRow): Promise<void> {
  const conversationIds = await contactRepository.conversationIds(ctx.db, ctx.accountId, contact.id);
  await taggingRepository.removeAllFor(ctx.db, ctx.accountId, 'Conversation', conversationIds);
  await taggingRepository.removeAllFor(ctx.db, ctx.accountId, 'Contact', [contact.id]);
  await contactRepository.remove(ctx.db, ctx.accountId, contact.id);
  await recordEvent(ctx.db, {
    name: 'contact.deleted', accountId: ctx.accountId, actor: eventActor(ctx.actor), contactId: contact.id,
    data: { contact: { ...contact } },
  });
}
