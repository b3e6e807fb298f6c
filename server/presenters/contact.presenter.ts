import { Type, type Static } from '@sinclair/typebox';
import type { ContactRow } from '../db/schema.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A contact as message sender and conversation `meta.sender` (Contact#push_event_data). */
export const ContactPushJson = Type.Object({
  additional_attributes: AnyObject,
  custom_attributes: AnyObject,
  email: NullableString,
  id: Type.Integer(),
  identifier: NullableString,
  name: Type.String(),
  phone_number: NullableString,
  thumbnail: Type.String(),
  blocked: Type.Boolean(),
  type: Type.Literal('contact'),
});

/** Push shape of a contact. */
export function presentContactPush(row: ContactRow): Static<typeof ContactPushJson> {
  return {
    additional_attributes: row.additional_attributes,
    custom_attributes: row.custom_attributes,
    email: row.email,
    id: row.id,
    identifier: row.identifier,
    name: row.name,
    phone_number: row.phone_number,
    thumbnail: row.avatar_url ?? '',
    blocked: row.blocked,
    type: 'contact',
  };
}
