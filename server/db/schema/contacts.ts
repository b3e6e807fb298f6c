import type { ColumnType, Generated } from 'kysely';
import type { Json, Ms } from './types.js';

export interface ContactsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  middle_name: string;
  last_name: string;
  email: string | null;
  phone_number: string | null;
  identifier: string | null;
  additional_attributes: Json;
  custom_attributes: Json;
  last_activity_at: Ms | null;
  contact_type: number;
  location: string;
  country_code: string;
  blocked: boolean;
  avatar_url: string | null;
  /** Storage key of an uploaded avatar file (avatar_url then points at it); null otherwise. */
  avatar_key: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Ms;
  updated_at: Ms;
}

export interface ContactInboxesTable {
  id: Generated<number>;
  contact_id: number;
  inbox_id: number;
  source_id: string;
  hmac_verified: boolean;
  pubsub_token: string;
  created_at: Ms;
  updated_at: Ms;
}

/** Contacts and their sessions in inboxes. */
export interface ContactsTables {
  contacts: ContactsTable;
  contact_inboxes: ContactInboxesTable;
}
