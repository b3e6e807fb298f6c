import { Type, type Static } from '@sinclair/typebox';
import type { ContactInboxRow, ContactRow, InboxRow } from '../db/schema.js';
import { toUnix } from '../lib/clock.js';
import { ContactInboxJson, presentContactInbox } from './contact-inbox.presenter.js';

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

/** The columns contactBasics reads (a full row, or one read with the push columns only). */
type BasicsRow = Pick<ContactRow, 'additional_attributes' | 'custom_attributes' | 'email' | 'id' | 'identifier' | 'name' | 'phone_number' | 'avatar_url' | 'blocked'>;

/** What a contact's push shape and its webhook_data share (Contact#push_event_data). */
export function contactBasics(row: BasicsRow) {
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
  };
}

/** Push shape of a contact. */
export function presentContactPush(row: BasicsRow): Static<typeof ContactPushJson> {
  return Object.assign(contactBasics(row), { type: 'contact' as const });
}

/** A contact on the Application API (§5.1, `api/v1/models/_contact`). */
export const ContactJson = Type.Object({
  additional_attributes: AnyObject,
  availability_status: Type.String(),
  email: NullableString,
  id: Type.Integer(),
  name: Type.String(),
  phone_number: NullableString,
  blocked: Type.Boolean(),
  identifier: NullableString,
  thumbnail: Type.String(),
  custom_attributes: AnyObject,
  last_activity_at: Type.Optional(Type.Integer()),
  // Always sent; declared optional because the serializer writes required keys before optional ones.
  created_at: Type.Optional(Type.Integer()),
  contact_inboxes: Type.Optional(Type.Array(ContactInboxJson)),
});

/** What a full contact is shown with: its contact inboxes (left out when not asked for) and presence. */
export interface ContactExtras {
  contactInboxes?: Array<{ contactInbox: ContactInboxRow; inbox: InboxRow }>;
  online?: boolean;
}

/** Application API shape; `last_activity_at` is left out while null, as Chatwoot does. */
export function presentContact(row: ContactRow, extras: ContactExtras = {}): Static<typeof ContactJson> {
  return {
    additional_attributes: row.additional_attributes,
    availability_status: extras.online ? 'online' : 'offline',
    email: row.email,
    id: row.id,
    name: row.name,
    phone_number: row.phone_number,
    blocked: row.blocked,
    identifier: row.identifier,
    thumbnail: row.avatar_url ?? '',
    custom_attributes: row.custom_attributes,
    ...(row.last_activity_at !== null ? { last_activity_at: toUnix(row.last_activity_at) as number } : {}),
    created_at: toUnix(row.created_at) as number,
    ...(extras.contactInboxes ? { contact_inboxes: extras.contactInboxes.map((ci) => presentContactInbox(ci.contactInbox, ci.inbox)) } : {}),
  };
}
