import { Type } from '@sinclair/typebox';
import { ContactInboxJson, ContactableInboxJson, RawInboxJson } from '../../../../../presenters/contact-inbox.presenter.js';
import { ContactJson } from '../../../../../presenters/contact.presenter.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const AnyObject = Type.Object({}, { additionalProperties: true });
const Text = (maxLength: number) => Type.String({ maxLength });
/**
 * A string or null. One multi-type schema, not a union: with type coercion on, a
 * union's string branch would turn null into '' before the null branch is tried.
 */
const Nullable = (maxLength: number) => Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength }));

export const AccountParams = Type.Object({ account_id: Id });
export const ContactParams = Type.Object({ account_id: Id, id: Id });

/** `page` is echoed back as sent, so it stays a string. */
const Page = Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' }));
const IncludeContactInboxes = Type.Optional(Type.String({ maxLength: 10, description: "'false' leaves contact_inboxes out" }));

export const ShowContactQuery = Type.Object({ include_contact_inboxes: IncludeContactInboxes });

export const ListContactsQuery = Type.Object({
  page: Page,
  sort: Type.Optional(Type.String({ maxLength: 50, description: 'name, email, phone_number, last_activity_at, created_at, company_name, city or country; `-` prefix for descending' })),
  include_contact_inboxes: IncludeContactInboxes,
  labels: Type.Optional(Type.Array(Text(255), { maxItems: 100 })),
  'labels[]': Type.Optional(Type.Array(Text(255), { maxItems: 100 })),
});

export const SearchContactsQuery = Type.Object({
  q: Type.Optional(Text(255)),
  page: Page,
  sort: Type.Optional(Type.String({ maxLength: 50 })),
  include_contact_inboxes: IncludeContactInboxes,
});

const contactFields = {
  name: Nullable(255),
  email: Nullable(255),
  phone_number: Nullable(255),
  identifier: Nullable(255),
  blocked: Type.Optional(Type.Boolean()),
  avatar_url: Nullable(2048),
  additional_attributes: Type.Optional(Type.Union([Type.Null(), AnyObject])),
  custom_attributes: Type.Optional(Type.Union([Type.Null(), AnyObject])),
  middle_name: Nullable(255),
  last_name: Nullable(255),
  location: Nullable(255),
  country_code: Nullable(255),
  contact_type: Type.Optional(Type.Union([Type.Literal('visitor'), Type.Literal('lead'), Type.Literal('customer')])),
  last_activity_at: Type.Optional(Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 0, maximum: 99_999_999_999, description: 'Unix seconds' })),
};

export const CreateContactBody = Type.Object({
  ...contactFields,
  inbox_id: Type.Optional(Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: 2_147_483_647 })),
  source_id: Nullable(255),
});

export const UpdateContactBody = Type.Object(contactFields);

export const ContactListResponse = {
  200: Type.Object({
    meta: Type.Object({ count: Type.Integer(), current_page: Type.Union([Type.Integer(), Type.String()]) }),
    payload: Type.Array(ContactJson),
  }),
};

export const ContactSearchResponse = {
  200: Type.Object({
    meta: Type.Object({ count: Type.Integer(), current_page: Type.Union([Type.Integer(), Type.String()]), has_more: Type.Boolean() }),
    payload: Type.Array(ContactJson),
  }),
};

export const ContactCreateResponse = {
  200: Type.Object({
    payload: Type.Object({
      contact: ContactJson,
      contact_inbox: Type.Object({ inbox: Type.Union([Type.Null(), RawInboxJson]), source_id: Type.Union([Type.Null(), Type.String()]) }),
    }),
  }),
};

export const ContactResponse = { 200: Type.Object({ payload: ContactJson }) };

export const EmptyResponse = { 200: Type.Null({ description: 'Empty body' }) };

export const CreateContactInboxBody = Type.Object({
  inbox_id: Id,
  source_id: Nullable(255),
  hmac_verified: Type.Optional(Type.Boolean()),
});

export const ContactInboxResponse = { 200: ContactInboxJson };

export const ContactableInboxesResponse = { 200: Type.Object({ payload: Type.Array(ContactableInboxJson) }) };

export const ContactLabelsBody = Type.Object({
  labels: Type.Optional(Type.Array(Text(255), { maxItems: 100 })),
});

export const ContactLabelsResponse = { 200: Type.Object({ payload: Type.Array(Type.String()) }) };

export const FilterQuery = Type.Object({ page: Page, sort: ListContactsQuery.properties.sort, include_contact_inboxes: IncludeContactInboxes });
export const ActiveContactsQuery = Type.Object({ page: Page, sort: ListContactsQuery.properties.sort, include_contact_inboxes: IncludeContactInboxes });
