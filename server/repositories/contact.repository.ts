import { sql } from 'kysely';
import { lockingClause, type Executor } from '../db/dialect.js';
import type { ContactRow, ContactUpdate, NewContact } from '../db/schema.js';
import { insertRows } from '../db/insert-rows.js';
import { now } from '../lib/clock.js';

/** The columns that are unique per account. */
export interface ContactKeys {
  email: string | null;
  phone_number: string | null;
  identifier: string | null;
}

/** The columns insertMany writes, in its rows' order. */
const INSERT_COLUMNS = [
  'account_id', 'name', 'middle_name', 'last_name', 'email', 'phone_number', 'identifier', 'additional_attributes',
  'custom_attributes', 'last_activity_at', 'contact_type', 'location', 'country_code', 'blocked', 'avatar_url', 'created_at', 'updated_at',
] as const;

/** The columns of a contact's push shape (cable frames), read alone when a batch of frames needs only them. */
export const CONTACT_PUSH_COLUMNS = [
  'id', 'account_id', 'name', 'email', 'phone_number', 'identifier', 'additional_attributes', 'custom_attributes', 'avatar_url', 'blocked',
] as const;
export type ContactPushRow = Pick<ContactRow, typeof CONTACT_PUSH_COLUMNS[number]>;

/** Contacts of an account (people who write in). */
export const contactRepository = {
  findById(db: Executor, accountId: number, id: number): Promise<ContactRow | undefined> {
    return db.selectFrom('contacts').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  /** The contact by id alone (public avatar files, whose URL carries its own proof of access). */
  findByIdUnscoped(db: Executor, id: number): Promise<ContactRow | undefined> {
    return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The contact, row-locked until commit (PostgreSQL) so read-merge-write updates do not lose each other's changes. */
  findForUpdate(db: Executor, accountId: number, id: number): Promise<ContactRow | undefined> {
    return db.selectFrom('contacts').selectAll().where('account_id', '=', accountId).where('id', '=', id)
      .modifyEnd(lockingClause(db)).executeTakeFirst();
  },

  /**
   * The account's contacts among `ids`, in id order. Found by primary key: the account is
   * compared as `+account_id`, so SQLite without planner statistics does not walk the
   * account's index instead (every contact of the account, for each call).
   */
  findByIds(db: Executor, accountId: number, ids: number[]): Promise<ContactRow[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('contacts').selectAll().where('id', 'in', ids).where(sql`+${sql.ref('account_id')}`, '=', accountId)
      .orderBy('id').execute();
  },

  /** As findByIds, with the push columns only (a batch of contact frames: half the row, half the reading). */
  findPushRowsByIds(db: Executor, accountId: number, ids: number[]): Promise<ContactPushRow[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('contacts').select(CONTACT_PUSH_COLUMNS).where('id', 'in', ids).where(sql`+${sql.ref('account_id')}`, '=', accountId)
      .orderBy('id').execute();
  },

  /**
   * Which of the unique keys another contact of the account already holds, in
   * Chatwoot's validation order (email, identifier, phone_number). Email is stored
   * lower-cased, so an equality test is the case-insensitive one.
   */
  async takenKeys(db: Executor, accountId: number, keys: ContactKeys, exceptId: number | null): Promise<Array<keyof ContactKeys>> {
    const wanted = (['email', 'identifier', 'phone_number'] as const).filter((key) => keys[key] !== null);
    if (wanted.length === 0) {
      return [];
    }
    let query = db.selectFrom('contacts').select(['email', 'identifier', 'phone_number']).where('account_id', '=', accountId)
      .where((eb) => eb.or(wanted.map((key) => eb(key, '=', keys[key] as string))));
    if (exceptId !== null) {
      query = query.where('id', '<>', exceptId);
    }
    const rows = await query.limit(3).execute();
    return wanted.filter((key) => rows.some((row) => row[key] === keys[key]));
  },

  insert(db: Executor, values: Omit<NewContact, 'created_at' | 'updated_at'>): Promise<ContactRow> {
    const at = now();
    return db.insertInto('contacts').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
  },

  /** Writes the given columns; the caller decides whether updated_at moves. */
  update(db: Executor, accountId: number, id: number, values: ContactUpdate): Promise<ContactRow> {
    return db.updateTable('contacts').set(values).where('account_id', '=', accountId).where('id', '=', id)
      .returningAll().executeTakeFirstOrThrow();
  },

  /** The account's contact holding this identifier, email (give it lower-cased) or phone number, if any. */
  findByKey(db: Executor, accountId: number, key: keyof ContactKeys, value: string): Promise<ContactRow | undefined> {
    return db.selectFrom('contacts').selectAll().where('account_id', '=', accountId).where(key, '=', value)
      .orderBy('id').limit(1).executeTakeFirst();
  },

  /**
   * The account's contacts holding any of the given identifiers, emails (lower-cased)
   * or phone numbers: one query per key kind, for matching a batch of imported rows.
   */
  async findByAnyKey(db: Executor, accountId: number, keys: { identifier: string[]; email: string[]; phone_number: string[] }): Promise<ContactRow[]> {
    const found = new Map<number, ContactRow>();
    for (const key of ['identifier', 'email', 'phone_number'] as const) {
      const values = [...new Set(keys[key])];
      for (let i = 0; i < values.length; i += 500) {
        const rows = await db.selectFrom('contacts').selectAll().where('account_id', '=', accountId)
          .where(key, 'in', values.slice(i, i + 500)).execute();
        for (const row of rows) {
          found.set(row.id, row);
        }
      }
    }
    return [...found.values()];
  },

  /** Inserts many contacts in multi-row statements (bulk imports); returns the new ids in the order given. */
  async insertMany(db: Executor, values: Array<Omit<NewContact, 'created_at' | 'updated_at' | 'avatar_key'>>): Promise<number[]> {
    const at = now();
    const rows = values.map((v) => [
      v.account_id, v.name, v.middle_name, v.last_name, v.email ?? null, v.phone_number ?? null, v.identifier ?? null, v.additional_attributes,
      v.custom_attributes, v.last_activity_at ?? null, v.contact_type, v.location, v.country_code, v.blocked, v.avatar_url ?? null, at, at,
    ]);
    const inserted = await insertRows(db, 'contacts', INSERT_COLUMNS, rows, ['id']);
    return inserted.map((row) => Number(row.id));
  },

  /**
   * Contacts of any account with no email, phone number or identifier (null or empty),
   * no conversation, created before `before` (Chatwoot's stale_without_conversations), oldest first.
   */
  staleWithoutConversations(db: Executor, before: number, limit: number): Promise<ContactRow[]> {
    return db.selectFrom('contacts').selectAll('contacts')
      .where((eb) => eb.and([
        eb.or([eb('contacts.email', 'is', null), eb('contacts.email', '=', '')]),
        eb.or([eb('contacts.phone_number', 'is', null), eb('contacts.phone_number', '=', '')]),
        eb.or([eb('contacts.identifier', 'is', null), eb('contacts.identifier', '=', '')]),
        eb('contacts.created_at', '<', before),
        eb.not(eb.exists(eb.selectFrom('conversations').select('conversations.id').whereRef('conversations.contact_id', '=', 'contacts.id'))),
      ]))
      .orderBy('contacts.id').limit(limit).execute();
  },

  /** Deletes the account's contacts by id (contact inboxes and notes cascade). */
  async removeMany(db: Executor, accountId: number, ids: number[]): Promise<void> {
    if (ids.length > 0) {
      await db.deleteFrom('contacts').where('account_id', '=', accountId).where('id', 'in', ids).execute();
    }
  },

  /** Moves a contact's conversations, sent messages and contact inboxes to another contact of the account (merge). */
  async moveRecords(db: Executor, accountId: number, fromId: number, toId: number): Promise<void> {
    const at = now();
    await db.updateTable('conversations').set({ contact_id: toId, updated_at: at })
      .where('account_id', '=', accountId).where('contact_id', '=', fromId).execute();
    await db.updateTable('messages').set({ sender_id: toId, updated_at: at })
      .where('account_id', '=', accountId).where('sender_type', '=', 'Contact').where('sender_id', '=', fromId).execute();
    await db.updateTable('contact_inboxes').set({ contact_id: toId, updated_at: at }).where('contact_id', '=', fromId).execute();
  },

  /** Database ids of the contact's conversations. */
  async conversationIds(db: Executor, accountId: number, contactId: number): Promise<number[]> {
    const rows = await db.selectFrom('conversations').select('id')
      .where('account_id', '=', accountId).where('contact_id', '=', contactId).execute();
    return rows.map((row) => row.id);
  },

  /** Deletes the contact; its contact inboxes, conversations and messages go with it (FK cascade). */
  async remove(db: Executor, accountId: number, id: number): Promise<void> {
    await db.deleteFrom('contacts').where('account_id', '=', accountId).where('id', '=', id).execute();
  },
};
