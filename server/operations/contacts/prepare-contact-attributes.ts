import { CONTACT_TYPES, enumValue } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import type { ContactRow } from '../../db/schema.js';
import { HttpError, humanize } from '../../lib/errors.js';
import { contactRepository } from '../../repositories/contact.repository.js';

/** Contact fields a caller may set (Application API create and update). */
export interface ContactInput {
  /** Display name; null means empty. */
  name?: string | null;
  /** Optional; blank becomes null, stored lower-cased, unique per account. */
  email?: string | null;
  /** Optional; E.164 (`+` and up to 15 digits), unique per account. */
  phone_number?: string | null;
  /** Optional external id; blank becomes null, unique per account. */
  identifier?: string | null;
  blocked?: boolean;
  /** http(s) URL of the avatar; blank leaves the avatar as it is. */
  avatar_url?: string | null;
  /** Merged into the stored hash on update. */
  additional_attributes?: Record<string, unknown> | null;
  /** Merged into the stored hash on update. */
  custom_attributes?: Record<string, unknown> | null;
  middle_name?: string | null;
  last_name?: string | null;
  /** Stored as additional_attributes.city (location follows it, as Chatwoot syncs them). */
  location?: string | null;
  /** Stored as additional_attributes.country (country_code follows it). */
  country_code?: string | null;
  /** visitor, lead or customer; a visitor with an email, phone or social profile still becomes a lead. */
  contact_type?: ContactTypeName;
  /** Unix seconds; null clears it. */
  last_activity_at?: number | null;
}

/** Chatwoot's contact_type enum names. */
export type ContactTypeName = (typeof CONTACT_TYPES)[number];

/** The columns a contact write sets. */
export type ContactValues = Pick<ContactRow,
  'name' | 'email' | 'phone_number' | 'identifier' | 'blocked' | 'avatar_url' | 'additional_attributes'
  | 'custom_attributes' | 'location' | 'country_code' | 'contact_type' | 'middle_name' | 'last_name' | 'last_activity_at'>;

export const EMAIL_FORMAT = /^[^@\s]+@[^@\s]+$/;
export const PHONE_FORMAT = /^\+[1-9]\d{1,14}$/;
const MAX_STRING = 255;
const VISITOR = enumValue(CONTACT_TYPES, 'visitor');
const LEAD = enumValue(CONTACT_TYPES, 'lead');

/**
 * Applies `input` over `current` (null for a new contact) the way Chatwoot's
 * Contact model does before saving: blank email/phone/identifier → null, email
 * lower-cased, attribute hashes merged, location/country_code synced from
 * additional_attributes, a visitor with an email or phone promoted to lead.
 * Then validates formats and per-account uniqueness, throwing one 422 that names
 * every failing field.
 */
export async function prepareContactAttributes(ctx: Ctx, current: ContactRow | null, input: ContactInput): Promise<ContactValues> {
  const additional = merge(current?.additional_attributes, withPlace(input));
  const values: ContactValues = {
    name: input.name !== undefined ? input.name ?? '' : current?.name ?? '',
    email: input.email !== undefined ? blankToNull(input.email)?.toLowerCase() ?? null : current?.email ?? null,
    phone_number: input.phone_number !== undefined ? blankToNull(input.phone_number) : current?.phone_number ?? null,
    identifier: input.identifier !== undefined ? blankToNull(input.identifier) : current?.identifier ?? null,
    blocked: input.blocked ?? current?.blocked ?? false,
    avatar_url: blankToNull(input.avatar_url) ?? current?.avatar_url ?? null,
    additional_attributes: additional,
    custom_attributes: merge(current?.custom_attributes, input.custom_attributes),
    location: textOf(additional.city),
    country_code: textOf(additional.country),
    contact_type: input.contact_type !== undefined ? enumValue(CONTACT_TYPES, input.contact_type) : current?.contact_type ?? VISITOR,
    middle_name: input.middle_name !== undefined ? input.middle_name ?? '' : current?.middle_name ?? '',
    last_name: input.last_name !== undefined ? input.last_name ?? '' : current?.last_name ?? '',
    last_activity_at: input.last_activity_at !== undefined
      ? (input.last_activity_at === null ? null : input.last_activity_at * 1000)
      : current?.last_activity_at ?? null,
  };
  if (values.contact_type === VISITOR && (values.email || values.phone_number || hasSocialProfile(additional))) {
    values.contact_type = LEAD;
  }
  await validate(ctx, current, values);
  return values;
}

async function validate(ctx: Ctx, current: ContactRow | null, values: ContactValues): Promise<void> {
  const errors: Array<[string, string]> = [];
  for (const field of ['name', 'middle_name', 'last_name', 'email', 'phone_number', 'identifier', 'location', 'country_code'] as const) {
    if ((values[field]?.length ?? 0) > MAX_STRING) {
      errors.push([field, `is too long (maximum is ${MAX_STRING} characters)`]);
    }
  }
  if (values.avatar_url !== null && values.avatar_url !== current?.avatar_url && !isHttpUrl(values.avatar_url)) {
    errors.push(['avatar_url', 'is invalid']);
  }
  const changed = (key: 'email' | 'phone_number' | 'identifier') => values[key] !== null && values[key] !== current?.[key];
  const taken = await contactRepository.takenKeys(ctx.db, ctx.accountId, {
    email: changed('email') ? values.email : null,
    phone_number: changed('phone_number') ? values.phone_number : null,
    identifier: changed('identifier') ? values.identifier : null,
  }, current?.id ?? null);
  if (taken.includes('email')) {
    errors.push(['email', 'has already been taken']);
  }
  if (changed('email') && !EMAIL_FORMAT.test(values.email as string)) {
    errors.push(['email', 'Invalid email']);
  }
  if (taken.includes('identifier')) {
    errors.push(['identifier', 'has already been taken']);
  }
  if (taken.includes('phone_number')) {
    errors.push(['phone_number', 'has already been taken']);
  }
  if (changed('phone_number') && !PHONE_FORMAT.test(values.phone_number as string)) {
    errors.push(['phone_number', 'should be in e164 format']);
  }
  if (errors.length > 0) {
    throw new HttpError(422, {
      message: errors.map(([field, message]) => `${humanize(field)} ${message}`).join(', '),
      attributes: [...new Set(errors.map(([field]) => field))],
    });
  }
}

/** The given additional_attributes with an explicit location/country_code written as city/country. */
function withPlace(input: ContactInput): Record<string, unknown> | null | undefined {
  if (input.location === undefined && input.country_code === undefined) {
    return input.additional_attributes;
  }
  const place: Record<string, unknown> = {};
  if (input.location !== undefined) {
    place.city = input.location ?? '';
  }
  if (input.country_code !== undefined) {
    place.country = input.country_code ?? '';
  }
  return { ...(input.additional_attributes ?? {}), ...place };
}

function blankToNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}

function merge(stored: Record<string, unknown> | undefined, given: Record<string, unknown> | null | undefined): Record<string, unknown> {
  return { ...(stored ?? {}), ...(given ?? {}) };
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Chatwoot counts `social_*` keys with a value as a social profile. */
function hasSocialProfile(additional: Record<string, unknown>): boolean {
  return Object.entries(additional).some(([key, value]) => key.startsWith('social_') && value !== null && value !== '' && value !== false);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
