import { randomInt } from 'node:crypto';
import type { Ctx } from '../../context.js';
import type { ContactInboxRow, ContactRow, InboxRow } from '../../db/schema.js';
import { contactInboxRepository } from '../../repositories/contact-inbox.repository.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { createContactInbox } from '../contact-inboxes/create-contact-inbox.js';
import { createContact } from '../contacts/create-contact.js';

/** What a Client API caller may set on a new contact (POST /public/api/v1/inboxes/:id/contacts). */
export interface PublicContactInput {
  /** The session id to use; a UUID when absent. */
  sourceId?: string | null;
  identifier?: string | null;
  email?: string | null;
  /** A generated name (`adjective-noun-123`) when absent. */
  name?: string | null;
  phone_number?: string | null;
  avatar_url?: string | null;
  custom_attributes?: Record<string, unknown> | null;
}

/** The contact inbox (session) and its contact. */
export interface PublicSession {
  contactInbox: ContactInboxRow;
  contact: ContactRow;
}

const ADJECTIVES = ['autumn', 'hidden', 'bitter', 'misty', 'silent', 'empty', 'dry', 'dark', 'summer', 'icy', 'quiet', 'white', 'cool', 'spring', 'winter', 'patient'];
const NOUNS = ['waterfall', 'river', 'breeze', 'moon', 'rain', 'wind', 'sea', 'morning', 'snow', 'lake', 'sunset', 'pine', 'shadow', 'leaf', 'dawn', 'glitter'];
const MAX_NAME = 255;

/** A random readable name, as Chatwoot's Haikunator gives nameless contacts. */
function generatedName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1000)}`;
}

function present(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** An existing contact of the account with the same identifier, else email, else phone number. */
async function existingContact(ctx: Ctx, input: PublicContactInput): Promise<ContactRow | undefined> {
  const lookups: Array<['identifier' | 'email' | 'phone_number', string | null | undefined]> = [
    ['identifier', input.identifier], ['email', input.email?.toLowerCase()], ['phone_number', input.phone_number],
  ];
  for (const [key, value] of lookups) {
    if (present(value)) {
      const found = await contactRepository.findByKey(ctx.db, ctx.accountId, key, value);
      if (found) {
        return found;
      }
    }
  }
  return undefined;
}

/**
 * Creates a Client API session (ContactInboxWithContactBuilder): an existing contact
 * inbox with the given source_id is returned as it is; otherwise the contact is found by
 * identifier, email or phone number, or created (recording contact.created), and gets a
 * new contact inbox in the API inbox.
 */
export async function createPublicContact(ctx: Ctx, inbox: InboxRow, input: PublicContactInput): Promise<PublicSession> {
  if (present(input.sourceId)) {
    const existing = await contactInboxRepository.findBySource(ctx.db, inbox.id, input.sourceId);
    if (existing) {
      const contact = await contactRepository.findById(ctx.db, ctx.accountId, existing.contact_id);
      return { contactInbox: existing, contact: contact as ContactRow };
    }
  }
  const contact = (await existingContact(ctx, input)) ?? (await createContact(ctx, {
    name: (present(input.name) ? input.name : generatedName()).slice(0, MAX_NAME),
    email: input.email ?? null,
    phone_number: input.phone_number ?? null,
    identifier: input.identifier ?? null,
    avatar_url: input.avatar_url ?? null,
    custom_attributes: input.custom_attributes ?? {},
  })).contact;
  const contactInbox = await createContactInbox(ctx, { contact, inbox, sourceId: input.sourceId });
  return { contactInbox, contact };
}
