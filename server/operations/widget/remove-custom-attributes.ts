import { eventActor, type Ctx } from '../../context.js';
import type { ContactRow, ConversationRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { now } from '../../lib/clock.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { updateConversation } from '../conversations/update-conversation.js';

type Json = Record<string, unknown>;

function without(attributes: Json, keys: string[]): Json {
  return Object.fromEntries(Object.entries(attributes).filter(([key]) => !keys.includes(key)));
}

/**
 * Removes keys from the contact's custom attributes (Widget::ContactsController#destroy_custom_attributes),
 * recording contact.updated when that changes anything.
 */
export async function removeContactCustomAttributes(ctx: Ctx, contact: ContactRow, keys: string[]): Promise<ContactRow> {
  const attributes = without(contact.custom_attributes, keys);
  if (Object.keys(attributes).length === Object.keys(contact.custom_attributes).length) {
    return contact;
  }
  const updated = await contactRepository.update(ctx.db, ctx.accountId, contact.id, { custom_attributes: attributes, updated_at: now() });
  await recordEvent(ctx.db, {
    name: 'contact.updated', accountId: ctx.accountId, actor: eventActor(ctx.actor), contactId: contact.id,
    changes: { custom_attributes: [contact.custom_attributes, attributes], updated_at: [contact.updated_at, updated.updated_at] },
  });
  return updated;
}

/** Removes keys from the conversation's custom attributes (Widget::ConversationsController#destroy_custom_attributes). */
export function removeConversationCustomAttributes(ctx: Ctx, conversation: ConversationRow, keys: string[]): Promise<ConversationRow> {
  return updateConversation(ctx, conversation, { custom_attributes: without(conversation.custom_attributes, keys) });
}
