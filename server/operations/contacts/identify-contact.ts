import type { Ctx } from '../../context.js';
import type { ContactRow } from '../../db/schema.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { deepMerge } from './deep-merge.js';
import { mergeContacts } from './merge-contacts.js';
import type { ContactInput } from './prepare-contact-attributes.js';
import { updateContact } from './update-contact.js';

type Json = Record<string, unknown>;
type KeyField = 'identifier' | 'email' | 'phone_number';
type Updatable = KeyField | 'name';

/** What a contact tells about itself (ContactIdentifyAction params). */
export interface IdentifyContactInput {
  identifier?: string | null;
  name?: string | null;
  email?: string | null;
  phone_number?: string | null;
  /** Set only while the contact has no avatar. */
  avatar_url?: string | null;
  /** Deep-merged into the stored hash. */
  custom_attributes?: Json | null;
  /** Deep-merged into the stored hash. */
  additional_attributes?: Json | null;
}

function present(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Merges of the identify action, in order; fields whose merge was refused are dropped from `updatable`. */
async function mergeExisting(ctx: Ctx, contact: ContactRow, params: IdentifyContactInput, updatable: Set<Updatable>): Promise<ContactRow> {
  let current = contact;
  const find = (key: KeyField, value: string) => contactRepository.findByKey(ctx.db, ctx.accountId, key, value);
  const mayMerge = (existing: ContactRow | undefined, key: KeyField): existing is ContactRow => {
    if (!existing || !present(params.identifier)) {
      return existing !== undefined;
    }
    if (existing.identifier && existing.identifier !== params.identifier) {
      updatable.delete(key);
      return false;
    }
    return true;
  };
  const byIdentifier = present(params.identifier) ? await find('identifier', params.identifier) : undefined;
  if (mayMerge(byIdentifier, 'identifier')) {
    current = await mergeContacts(ctx, byIdentifier, current);
  }
  const email = present(params.email) ? params.email.toLowerCase() : null;
  const byEmail = email ? await find('email', email) : undefined;
  if (mayMerge(byEmail, 'email')) {
    current = await mergeContacts(ctx, byEmail, current);
  }
  const byPhone = present(params.phone_number) ? await find('phone_number', params.phone_number) : undefined;
  if (mayMerge(byPhone, 'phone_number')) {
    if (email && byPhone.email && byPhone.email !== email) {
      updatable.delete('phone_number');
    } else {
      current = await mergeContacts(ctx, byPhone, current);
    }
  }
  return current;
}

/** The update the identify action makes: present fields still allowed, attribute hashes deep-merged; only what changes. */
function identifyUpdate(contact: ContactRow, params: IdentifyContactInput, updatable: Set<Updatable>): ContactInput {
  const input: ContactInput = {};
  for (const key of updatable) {
    const value = params[key];
    const stored = key === 'email' ? value?.toLowerCase() : value;
    if (present(value) && stored !== contact[key]) {
      input[key] = value;
    }
  }
  for (const key of ['custom_attributes', 'additional_attributes'] as const) {
    const given = params[key];
    const merged = given && Object.keys(given).length > 0 ? deepMerge(contact[key], given) : contact[key];
    if (JSON.stringify(merged) !== JSON.stringify(contact[key])) {
      input[key] = merged;
    }
  }
  if (present(params.avatar_url) && contact.avatar_url === null && isHttpUrl(params.avatar_url)) {
    input.avatar_url = params.avatar_url;
  }
  return input;
}

/**
 * Identifies a contact from what it tells about itself (ContactIdentifyAction): an
 * existing contact of the account with the same identifier, then email, then phone
 * number absorbs this one (mergeContacts) unless it carries another identifier (or, for
 * the phone, another email); then the present fields and attribute hashes are saved,
 * recording contact.updated only when something changes. Returns the resulting contact.
 */
export async function identifyContact(ctx: Ctx, contact: ContactRow, params: IdentifyContactInput): Promise<ContactRow> {
  const updatable = new Set<Updatable>(['identifier', 'name', 'email', 'phone_number']);
  const current = await mergeExisting(ctx, contact, params, updatable);
  const input = identifyUpdate(current, params, updatable);
  return Object.keys(input).length > 0 ? updateContact(ctx, current, input) : current;
}
