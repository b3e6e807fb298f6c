import type { Executor } from '../db/dialect.js';
import type { ContactInboxRow, InboxRow } from '../db/schema.js';
import { now } from '../lib/clock.js';

/**
 * A contact's presence in an inbox (`contact_inboxes`), addressed by (inbox_id,
 * source_id), plus the few inbox reads contact inboxes need (always account-scoped).
 */
export const contactInboxRepository = {
  /** The contact inboxes of many contacts, oldest first. */
  listForContacts(db: Executor, contactIds: number[]): Promise<ContactInboxRow[]> {
    if (contactIds.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('contact_inboxes').selectAll().where('contact_id', 'in', [...new Set(contactIds)]).orderBy('id').execute();
  },

  findBySource(db: Executor, inboxId: number, sourceId: string): Promise<ContactInboxRow | undefined> {
    return db.selectFrom('contact_inboxes').selectAll().where('inbox_id', '=', inboxId).where('source_id', '=', sourceId).executeTakeFirst();
  },

  /** The contact's latest contact inbox in each of the given inboxes: inbox id → row. */
  async latestByInbox(db: Executor, contactId: number, inboxIds: number[]): Promise<Map<number, ContactInboxRow>> {
    if (inboxIds.length === 0) {
      return new Map();
    }
    const rows = await db.selectFrom('contact_inboxes').selectAll()
      .where('contact_id', '=', contactId).where('inbox_id', 'in', inboxIds).orderBy('id').execute();
    return new Map(rows.map((row) => [row.inbox_id, row]));
  },

  /** Ids of those contact inboxes that have at least one conversation. */
  async withConversations(db: Executor, contactInboxIds: number[]): Promise<Set<number>> {
    if (contactInboxIds.length === 0) {
      return new Set();
    }
    const rows = await db.selectFrom('conversations').select('contact_inbox_id').distinct()
      .where('contact_inbox_id', 'in', contactInboxIds).execute();
    return new Set(rows.map((row) => row.contact_inbox_id as number));
  },

  insert(db: Executor, values: { contact_id: number; inbox_id: number; source_id: string; hmac_verified: boolean; pubsub_token: string }): Promise<ContactInboxRow> {
    const at = now();
    return db.insertInto('contact_inboxes').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
  },

  /** Records that the contact inbox's identity was proven by HMAC (Client API). */
  markHmacVerified(db: Executor, inboxId: number, id: number): Promise<ContactInboxRow> {
    return db.updateTable('contact_inboxes').set({ hmac_verified: true, updated_at: now() })
      .where('inbox_id', '=', inboxId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  /** One inbox of the account. */
  findInbox(db: Executor, accountId: number, inboxId: number): Promise<InboxRow | undefined> {
    return db.selectFrom('inboxes').selectAll().where('account_id', '=', accountId).where('id', '=', inboxId).executeTakeFirst();
  },

  /** Every inbox of the account, in id order. */
  listInboxes(db: Executor, accountId: number): Promise<InboxRow[]> {
    return db.selectFrom('inboxes').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
  },

  /** Inboxes by id (for presenting contact inboxes); ids come from rows already scoped to the account. */
  async inboxesByIds(db: Executor, inboxIds: number[]): Promise<Map<number, InboxRow>> {
    if (inboxIds.length === 0) {
      return new Map();
    }
    const rows = await db.selectFrom('inboxes').selectAll().where('id', 'in', [...new Set(inboxIds)]).execute();
    return new Map(rows.map((row) => [row.id, row]));
  },

  /** Which of the given inboxes the user is a member of. */
  async memberInboxIds(db: Executor, userId: number, inboxIds: number[]): Promise<Set<number>> {
    if (inboxIds.length === 0) {
      return new Set();
    }
    const rows = await db.selectFrom('inbox_members').select('inbox_id')
      .where('user_id', '=', userId).where('inbox_id', 'in', inboxIds).execute();
    return new Set(rows.map((row) => row.inbox_id));
  },
};
