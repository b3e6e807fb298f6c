import { Type, type Static } from '@sinclair/typebox';
import { CONTACT_TYPES, enumName } from '../../common/enums.js';
import type { ContactInboxRow, ContactRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A contact as the Client API shows it to the contact (`public/api/v1/inboxes/contacts/*.json.jbuilder`). */
export const PublicContactJson = Type.Object({
  source_id: Type.String(),
  pubsub_token: Type.String(),
  id: Type.Integer(),
  name: Type.String(),
  email: NullableString,
  phone_number: NullableString,
});

/** Client API contact shape: the contact inbox's session keys, then the contact's own keys. */
export function presentPublicContact(contactInbox: ContactInboxRow, contact: ContactRow): Static<typeof PublicContactJson> {
  return {
    source_id: contactInbox.source_id,
    pubsub_token: contactInbox.pubsub_token,
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone_number: contact.phone_number,
  };
}

/** The contact model rendered raw (`render json: contact`, `json.contact resource.contact`): every column, ISO dates. */
export const RawContactJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: NullableString,
  phone_number: NullableString,
  account_id: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
  additional_attributes: AnyObject,
  identifier: NullableString,
  custom_attributes: AnyObject,
  last_activity_at: NullableString,
  contact_type: Type.String(),
  middle_name: Type.String(),
  last_name: Type.String(),
  location: Type.String(),
  country_code: Type.String(),
  blocked: Type.Boolean(),
  company_id: Type.Null(),
});

/** Raw contact shape, columns in Chatwoot's table order. */
export function presentContactRaw(row: ContactRow): Static<typeof RawContactJson> {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone_number: row.phone_number,
    account_id: row.account_id,
    created_at: toIso(row.created_at) as string,
    updated_at: toIso(row.updated_at) as string,
    additional_attributes: row.additional_attributes,
    identifier: row.identifier,
    custom_attributes: row.custom_attributes,
    last_activity_at: toIso(row.last_activity_at),
    contact_type: enumName(CONTACT_TYPES, row.contact_type) ?? 'visitor',
    middle_name: row.middle_name,
    last_name: row.last_name,
    location: row.location,
    country_code: row.country_code,
    blocked: row.blocked,
    company_id: null,
  };
}
