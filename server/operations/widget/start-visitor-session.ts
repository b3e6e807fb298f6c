import type { Ctx } from '../../context.js';
import type { ContactInboxRow, ContactRow, InboxRow } from '../../db/schema.js';
import { createPublicContact } from '../public/create-public-contact.js';

/** A widget visitor: the contact inbox (source_id, pubsub_token) and its contact. */
export interface VisitorSession {
  contactInbox: ContactInboxRow;
  contact: ContactRow;
}

/**
 * A new anonymous visitor of a website inbox (ContactInboxWithContactBuilder with no
 * attributes): a `visitor` contact with a generated name and a contact inbox with a
 * random source_id; records contact.created.
 */
export function startVisitorSession(ctx: Ctx, inbox: InboxRow): Promise<VisitorSession> {
  return createPublicContact(ctx, inbox, {});
}
