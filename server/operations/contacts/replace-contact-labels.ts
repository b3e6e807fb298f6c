import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { ContactRow } from '../../db/schema.js';
import type { Changes } from '../../events/catalog.js';
import { recordEvent } from '../../events/outbox.js';
import { now } from '../../lib/clock.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { taggingRepository } from '../../repositories/tagging.repository.js';

/**
 * Makes `titles` the contact's whole label set (Chatwoot's `update_labels`) and
 * records `contact.updated`; when the set changed, the change is `label_list`
 * and the contact's updated_at moves. Returns the titles now on the contact.
 */
export async function replaceContactLabels(ctx: Ctx, contact: ContactRow, titles: string[]): Promise<string[]> {
  const { before, after } = await taggingRepository.replace(ctx.db, ctx.accountId, 'Contact', contact.id, titles);
  const changes: Changes = {};
  if (before.join('\n') !== after.join('\n')) {
    const updated = await contactRepository.update(ctx.db, ctx.accountId, contact.id, { updated_at: now() });
    changes.label_list = [before, after];
    changes.updated_at = [contact.updated_at, updated.updated_at];
  }
  await recordEvent(ctx.db, {
    name: 'contact.updated', accountId: ctx.accountId, actor: eventActor(ctx.actor), contactId: contact.id, changes,
  });
  return after;
}
