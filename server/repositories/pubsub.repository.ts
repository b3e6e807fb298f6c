import type { Executor } from '../db/dialect.js';
import type { ContactInboxRow, EventRow } from '../db/schema.js';

const ADMINISTRATOR = 1;

/** Pubsub tokens (realtime audiences), who holds a token, and the outbox rows the change feed replays. */
export const pubsubRepository = {
  /** Tokens of the inbox's members who still belong to the account, plus every administrator's (ActionCableListener#user_tokens). */
  async inboxAgentTokens(db: Executor, accountId: number, inboxId: number): Promise<string[]> {
    const rows = await db.selectFrom('users').innerJoin('account_users', 'account_users.user_id', 'users.id')
      .select('users.pubsub_token').where('account_users.account_id', '=', accountId)
      .where((eb) => eb.or([
        eb('account_users.role', '=', ADMINISTRATOR),
        eb('users.id', 'in', eb.selectFrom('inbox_members').select('inbox_members.user_id').where('inbox_members.inbox_id', '=', inboxId)),
      ])).execute();
    return [...new Set(rows.map((r) => r.pubsub_token))];
  },

  /** The contact inbox's token; when it is hmac-verified, the tokens of all the contact's verified contact inboxes. */
  async contactTokens(db: Executor, contactInbox: ContactInboxRow): Promise<string[]> {
    if (!contactInbox.hmac_verified) {
      return [contactInbox.pubsub_token];
    }
    const rows = await db.selectFrom('contact_inboxes').select('pubsub_token')
      .where('contact_id', '=', contactInbox.contact_id).where('hmac_verified', '=', true).execute();
    return [...new Set([contactInbox.pubsub_token, ...rows.map((r) => r.pubsub_token)])];
  },

  findContactInbox(db: Executor, id: number): Promise<ContactInboxRow | undefined> {
    return db.selectFrom('contact_inboxes').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The user holding `token` with id `userId`, with their membership in `accountId` (agent path of RoomChannel). */
  findMemberByToken(db: Executor, token: string, userId: number, accountId: number) {
    return db.selectFrom('users').innerJoin('account_users', 'account_users.user_id', 'users.id')
      .select(['users.id as user_id', 'account_users.account_id'])
      .where('users.pubsub_token', '=', token).where('users.id', '=', userId)
      .where('account_users.account_id', '=', accountId).executeTakeFirst();
  },

  /** The contact behind a contact inbox token and the account it belongs to (contact path of RoomChannel). */
  findContactByToken(db: Executor, token: string) {
    return db.selectFrom('contact_inboxes').innerJoin('contacts', 'contacts.id', 'contact_inboxes.contact_id')
      .select(['contacts.id as contact_id', 'contacts.account_id']).where('contact_inboxes.pubsub_token', '=', token)
      .executeTakeFirst();
  },

  /** `(token, user id, account id)` of every membership held by users with one of these tokens. */
  membershipsByTokens(db: Executor, tokens: string[]) {
    return tokens.length === 0 ? Promise.resolve([]) : db.selectFrom('users')
      .innerJoin('account_users', 'account_users.user_id', 'users.id')
      .select(['users.pubsub_token', 'users.id as user_id', 'account_users.account_id'])
      .where('users.pubsub_token', 'in', tokens).execute();
  },

  /** `(token, contact id)` of the contact inboxes holding these tokens. */
  contactsByTokens(db: Executor, tokens: string[]) {
    return tokens.length === 0 ? Promise.resolve([]) : db.selectFrom('contact_inboxes')
      .select(['pubsub_token', 'contact_id']).where('pubsub_token', 'in', tokens).execute();
  },

  /** Outbox rows of an account after `after` (ascending), at most `limit`. */
  eventsAfter(db: Executor, accountId: number, after: number, limit: number): Promise<EventRow[]> {
    return db.selectFrom('events').selectAll().where('account_id', '=', accountId).where('id', '>', after)
      .orderBy('id').limit(limit).execute();
  },

  /**
   * Rows of an account numbered below `after` (within `window` ids) that were still undelivered when
   * row `after` was delivered: on PostgreSQL a transaction that took a lower id can commit later.
   */
  async eventsDeliveredLate(db: Executor, accountId: number, after: number, window: number): Promise<EventRow[]> {
    const ref = await db.selectFrom('events').select('dispatched_at').where('id', '=', after)
      .where('account_id', '=', accountId).executeTakeFirst();
    const deliveredAt = ref?.dispatched_at ?? null;
    return db.selectFrom('events').selectAll().where('account_id', '=', accountId)
      .where('id', '<', after).where('id', '>=', after - window)
      .where((eb) => (deliveredAt === null ? eb('dispatched_at', 'is', null)
        : eb.or([eb('dispatched_at', 'is', null), eb('dispatched_at', '>', deliveredAt)])))
      .orderBy('id').execute();
  },

  /** Smallest and largest outbox ids still kept (null when the outbox is empty). */
  async retainedRange(db: Executor): Promise<{ min: number; max: number } | null> {
    const row = await db.selectFrom('events').select((eb) => [eb.fn.min('id').as('min'), eb.fn.max('id').as('max')])
      .executeTakeFirst();
    if (row?.min === null || row?.min === undefined || row.max === null) {
      return null;
    }
    return { min: Number(row.min), max: Number(row.max) };
  },

  /** The oldest id that must stay: undelivered, or delivered after `cutoff`; else the newest id (kept as the watermark). */
  async firstKeptId(db: Executor, cutoff: number): Promise<number | null> {
    const kept = await db.selectFrom('events').select((eb) => eb.fn.min('id').as('id'))
      .where((eb) => eb.or([eb('dispatched_at', 'is', null), eb('dispatched_at', '>=', cutoff)])).executeTakeFirst();
    if (kept?.id !== null && kept?.id !== undefined) {
      return Number(kept.id);
    }
    return (await this.retainedRange(db))?.max ?? null;
  },

  /** Deletes outbox rows below `id`; returns how many. */
  async deleteEventsBelow(db: Executor, id: number): Promise<number> {
    const result = await db.deleteFrom('events').where('id', '<', id).executeTakeFirst();
    return Number(result.numDeletedRows ?? 0);
  },
};
