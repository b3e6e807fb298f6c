import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { ContactRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { now } from '../../lib/clock.js';
import { contactRepository } from '../../repositories/contact.repository.js';

/** The public URL of a contact's uploaded avatar: the storage key's token is the proof of access. */
export function contactAvatarUrl(baseUrl: string, contactId: number, storageKey: string): string {
  const [, token, name] = storageKey.split('/');
  return `${baseUrl.replace(/\/+$/, '')}/avatars/contacts/${contactId}/${token}/${name}`;
}

/**
 * Points the contact's avatar at an uploaded file (`storageKey`, or null to remove it),
 * recording contact.updated. Returns the contact and the key of the file it replaced,
 * which the caller deletes after commit.
 */
export async function setContactAvatar(ctx: Ctx, contact: ContactRow, storageKey: string | null): Promise<{ contact: ContactRow; replacedKey: string | null }> {
  const avatarUrl = storageKey ? contactAvatarUrl(ctx.env.frontendUrl, contact.id, storageKey) : null;
  if (storageKey === null && contact.avatar_url === null && contact.avatar_key === null) {
    return { contact, replacedKey: null };
  }
  const updated = await contactRepository.update(ctx.db, ctx.accountId, contact.id, { avatar_url: avatarUrl, avatar_key: storageKey, updated_at: now() });
  await recordEvent(ctx.db, {
    name: 'contact.updated', accountId: ctx.accountId, actor: eventActor(ctx.actor), contactId: contact.id,
    changes: { avatar_url: [contact.avatar_url, avatarUrl], updated_at: [contact.updated_at, updated.updated_at] },
  });
  return { contact: updated, replacedKey: contact.avatar_key };
}
