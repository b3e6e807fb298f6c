import { sql, type Expression, type OrderByItemBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { contactSearchFirst, contactSearchMatch, isPostgres, jsonText, TRIGRAM_MIN_LENGTH, type Executor } from '../db/dialect.js';
import type { ContactInboxRow, ContactRow, Database, InboxRow } from '../db/schema.js';
import { contactInboxRepository } from '../repositories/contact-inbox.repository.js';
import { taggingRepository } from '../repositories/tagging.repository.js';

/** Contacts per page on the list and search endpoints (Chatwoot's RESULTS_PER_PAGE). */
export const CONTACTS_PER_PAGE = 15;

const LEAD = 1;

type ContactQuery = SelectQueryBuilder<Database, 'contacts', ContactRow>;

/** `sort` keys the contact list accepts (`-` prefix for descending); others are ignored, as Sift does. */
export const CONTACT_SORTS = ['name', 'email', 'phone_number', 'last_activity_at', 'created_at', 'company_name', 'city', 'country'] as const;

export interface ContactListQuery {
  /** 1-based page number. */
  page: number;
  sort?: string;
  /** Keep contacts carrying any of these labels. */
  labels?: string[];
  /** The account's `crm_v2` feature: list leads instead of identified contacts. */
  leadsOnly?: boolean;
  /** Every contact of the account, not only identified ones (`/contacts/active`). */
  everyContact?: boolean;
  /** A further condition: a custom filter's, or an id list. */
  where?: Expression<SqlBool>;
}

/**
 * The contact list (Chatwoot's contacts#index): identified contacts only (a
 * non-empty email, phone or identifier; leads with crm_v2), optionally with any of the labels,
 * sorted, one page of 15, and the count of the whole filtered set.
 */
export async function listContacts(db: Executor, accountId: number, query: ContactListQuery): Promise<{ rows: ContactRow[]; count: number }> {
  let base = db.selectFrom('contacts').where('contacts.account_id', '=', accountId);
  if (!query.everyContact) {
    base = base.where((eb) => (query.leadsOnly
      ? eb('contacts.contact_type', '=', LEAD)
      : eb.or([eb('contacts.email', '<>', ''), eb('contacts.phone_number', '<>', ''), eb('contacts.identifier', '<>', '')])));
  }
  if (query.where) {
    base = base.where(query.where);
  }
  if (query.labels && query.labels.length > 0) {
    base = base.where('contacts.id', 'in', taggingRepository.taggedWithAny(db, accountId, 'Contact', query.labels));
  }
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const rows = await sorted(db, base.selectAll('contacts'), query.sort)
    .limit(CONTACTS_PER_PAGE).offset((query.page - 1) * CONTACTS_PER_PAGE).execute();
  return { rows, count: Number(counted.count) };
}

/**
 * Contact search (Chatwoot's contacts#search): `q` inside name, email or phone
 * ignoring case, or inside identifier respecting case; all contacts of the
 * account, anonymous ones included. Answered from the trigram indexes (see
 * `contactSearchMatch`); a `q` under three characters matches as a prefix.
 * Fetches one extra row to tell `hasMore`.
 */
export async function searchContacts(db: Executor, accountId: number, q: string, page: number, sort?: string): Promise<{ rows: ContactRow[]; hasMore: boolean }> {
  const offset = (page - 1) * CONTACTS_PER_PAGE;
  // In id order (no sort key) SQLite reads the matches off the FTS index in order and stops after the page.
  const streamed = sortKeyOf(sort) === undefined ? await contactSearchFirst(db, accountId, q, offset + CONTACTS_PER_PAGE + 1) : null;
  const rows = streamed ? streamed.slice(offset) : await (await searchQueryFor(db, accountId, q, page, sort)).execute();
  return { rows: rows.slice(0, CONTACTS_PER_PAGE), hasMore: rows.length > CONTACTS_PER_PAGE };
}

/**
 * The SQL query a search runs when it does not stream from SQLite's FTS table: on PostgreSQL,
 * rare matches of a trigram-length `q` in id order read the trigram index (sparseSearchQuery).
 */
export async function searchQueryFor(db: Executor, accountId: number, q: string, page: number, sort?: string): Promise<ContactQuery> {
  return await sparseOnPostgres(db, accountId, q, sort) ? sparseSearchQuery(db, accountId, q, page) : searchContactsQuery(db, accountId, q, page, sort);
}

/** Fewer matches than this count as sparse (see sparseOnPostgres). */
const SPARSE_MATCHES = 2_000;

/**
 * PostgreSQL, id order, a trigram-length `q`: true when fewer than SPARSE_MATCHES contacts
 * match. Seeing ORDER BY id LIMIT, the planner walks the primary key testing every row,
 * which is quick when matches are dense and scans the account when they are rare (seconds
 * at 1,000,000 contacts); rare matches are read from the trigram index instead.
 */
async function sparseOnPostgres(db: Executor, accountId: number, q: string, sort: string | undefined): Promise<boolean> {
  if (!isPostgres(db) || sortKeyOf(sort) !== undefined || [...q].length < TRIGRAM_MIN_LENGTH) {
    return false;
  }
  const matches = db.selectFrom('contacts').select('contacts.id').where('contacts.account_id', '=', accountId)
    .where(contactSearchMatch(db, q)).limit(SPARSE_MATCHES);
  const { count } = await db.selectFrom(matches.as('m')).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(count) < SPARSE_MATCHES;
}

/** The search's page in id order, ordered by an expression the primary key cannot give, so the trigram index is read. */
function sparseSearchQuery(db: Executor, accountId: number, q: string, page: number): ContactQuery {
  return db.selectFrom('contacts').selectAll('contacts').where('contacts.account_id', '=', accountId).where(contactSearchMatch(db, q))
    .orderBy(sql`contacts.id + 0`).limit(CONTACTS_PER_PAGE + 1).offset((page - 1) * CONTACTS_PER_PAGE);
}

/** The column a `sort` value orders by (`company` is Chatwoot's name for company_name); undefined when it names none. */
function sortKeyOf(sort: string | undefined): (typeof CONTACT_SORTS)[number] | undefined {
  const key = sort?.replace(/^-/, '').replace(/^company$/, 'company_name');
  return (CONTACT_SORTS as readonly string[]).includes(key ?? '') ? key as (typeof CONTACT_SORTS)[number] : undefined;
}

/** The search's SQL: one page plus one row. */
function searchContactsQuery(db: Executor, accountId: number, q: string, page: number, sort?: string): ContactQuery {
  const base = db.selectFrom('contacts').selectAll('contacts').where('contacts.account_id', '=', accountId)
    .where(contactSearchMatch(db, q));
  return sorted(db, base, sort).limit(CONTACTS_PER_PAGE + 1).offset((page - 1) * CONTACTS_PER_PAGE);
}

/**
 * Orders as Chatwoot's sort scopes do: name by its lower-case form; email and
 * phone as plain columns (PostgreSQL's default null placement); activity, creation
 * and the additional_attributes keys with nulls last. Ties and no sort: by id.
 */
function sorted(db: Executor, query: ContactQuery, sort: string | undefined): ContactQuery {
  const desc = sort?.startsWith('-') ?? false;
  // `company` is accepted for company_name, Chatwoot's key.
  const key = sort?.replace(/^-/, '').replace(/^company$/, 'company_name');
  const direction = (ob: OrderByItemBuilder) => (desc ? ob.desc() : ob.asc());
  switch (key) {
    case 'name':
      query = query.orderBy(sql`lower(contacts.name)`, desc ? 'desc' : 'asc');
      break;
    case 'email':
    case 'phone_number':
      query = query.orderBy(`contacts.${key}`, (ob) => (desc ? direction(ob).nullsFirst() : direction(ob).nullsLast()));
      break;
    case 'last_activity_at':
    case 'created_at':
      query = query.orderBy(`contacts.${key}`, (ob) => direction(ob).nullsLast());
      break;
    case 'company_name':
    case 'city':
    case 'country':
      query = query.orderBy(jsonText(db, sql.ref('contacts.additional_attributes'), key), (ob) => direction(ob).nullsLast());
      break;
    default:
      break;
  }
  return query.orderBy('contacts.id', 'asc');
}

/** A contact inbox with its inbox, ready to present. */
export interface ContactInboxView {
  contactInbox: ContactInboxRow;
  inbox: InboxRow;
}

/** The contact inboxes of many contacts with their inboxes, in two queries: contact id → list (oldest first). */
export async function loadContactInboxes(db: Executor, contactIds: number[]): Promise<Map<number, ContactInboxView[]>> {
  const result = new Map<number, ContactInboxView[]>(contactIds.map((id) => [id, []]));
  const contactInboxes = await contactInboxRepository.listForContacts(db, contactIds);
  const inboxes = await contactInboxRepository.inboxesByIds(db, contactInboxes.map((ci) => ci.inbox_id));
  for (const contactInbox of contactInboxes) {
    const inbox = inboxes.get(contactInbox.inbox_id);
    if (inbox) {
      result.get(contactInbox.contact_id)?.push({ contactInbox, inbox });
    }
  }
  return result;
}
