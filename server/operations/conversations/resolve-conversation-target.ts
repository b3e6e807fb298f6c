import type { Ctx } from '../../context.js';
import type { ContactInboxRow, ContactRow, InboxRow } from '../../db/schema.js';
import { notFound, unprocessable } from '../../lib/errors.js';
import { contactInboxRepository } from '../../repositories/contact-inbox.repository.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { conversationRepository } from '../../repositories/conversation.repository.js';
import { inboxRepository } from '../../repositories/inbox.repository.js';

export interface ConversationTargetInput {
  /** An existing contact inbox's source_id, or the one to give a new contact inbox. */
  sourceId?: string | null;
  inboxId?: number;
  contactId?: number;
}

/** Where a new conversation goes; `contactInbox` is null when one must be created (with `sourceId`, or a generated one). */
export interface ConversationTarget {
  inbox: InboxRow;
  contact: ContactRow;
  contactInbox: ContactInboxRow | null;
  sourceId: string | null;
}

async function found<T>(row: Promise<T | undefined>): Promise<T> {
  const value = await row;
  if (value === undefined) {
    throw notFound();
  }
  return value;
}

/**
 * Finds the inbox, contact and contact inbox a `POST /conversations` addresses, as
 * Chatwoot's controller does: `contact_id` + `inbox_id` (the contact inbox is found
 * by source_id or created later), else an existing contact inbox by `source_id`.
 * Everything is looked up in the account: another account's ids are 404. Reads only.
 */
export async function resolveConversationTarget(ctx: Ctx, input: ConversationTargetInput): Promise<ConversationTarget> {
  const sourceId = input.sourceId?.trim() ? input.sourceId : null;
  const inbox = input.inboxId === undefined ? null : await found(inboxRepository.findById(ctx.db, ctx.accountId, input.inboxId));
  const contact = input.contactId === undefined ? null : await found(contactRepository.findById(ctx.db, ctx.accountId, input.contactId));
  if (inbox && contact) {
    const existing = sourceId === null ? undefined : await contactInboxRepository.findBySource(ctx.db, inbox.id, sourceId);
    if (existing && existing.contact_id !== contact.id) {
      throw unprocessable('source_id should be unique');
    }
    return { inbox, contact, contactInbox: existing ?? null, sourceId };
  }
  if (sourceId === null) {
    throw notFound();
  }
  const contactInbox = await found(conversationRepository.findContactInboxBySourceId(ctx.db, ctx.accountId, sourceId, inbox?.id ?? null));
  return {
    inbox: inbox ?? await found(inboxRepository.findById(ctx.db, ctx.accountId, contactInbox.inbox_id)),
    contact: await found(contactRepository.findById(ctx.db, ctx.accountId, contactInbox.contact_id)),
    contactInbox,
    sourceId,
  };
}
