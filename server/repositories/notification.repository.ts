import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { NotificationRow, NotificationSettingRow, NotificationsTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** What a notification list shows (NotificationFinder's params). */
export interface NotificationFilter {
  /** `read` keeps read ones, `snoozed` keeps snoozed ones; by default both are left out. */
  includes: string[];
}

/** A user's notifications in an account, and their per-account settings. */
export const notificationRepository = {
  insert(db: Executor, values: Omit<Insertable<NotificationsTable>, 'created_at' | 'updated_at' | 'last_activity_at'>): Promise<NotificationRow> {
    const at = now();
    return db.insertInto('notifications').values({ ...values, last_activity_at: at, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
  },

  findById(db: Executor, accountId: number, userId: number, id: number): Promise<NotificationRow | undefined> {
    return db.selectFrom('notifications').selectAll().where('account_id', '=', accountId).where('user_id', '=', userId)
      .where('id', '=', id).executeTakeFirst();
  },

  findAny(db: Executor, id: number): Promise<NotificationRow | undefined> {
    return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The filtered list, newest activity first (or oldest with `asc`), one page. */
  list(db: Executor, accountId: number, userId: number, filter: NotificationFilter, page: number, perPage: number, asc: boolean): Promise<NotificationRow[]> {
    return this.filtered(db, accountId, userId, filter).selectAll()
      .orderBy('last_activity_at', asc ? 'asc' : 'desc').orderBy('id', asc ? 'asc' : 'desc')
      .limit(perPage).offset((page - 1) * perPage).execute();
  },

  /** `count` of the filtered list and `unread_count` among it. */
  async counts(db: Executor, accountId: number, userId: number, filter: NotificationFilter): Promise<{ count: number; unread_count: number }> {
    const count = Number((await this.filtered(db, accountId, userId, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (!filter.includes.includes('read')) {
      // Read ones are left out already: every one counted is unread.
      return { count, unread_count: count };
    }
    const unread = await this.filtered(db, accountId, userId, filter).where('read_at', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { count, unread_count: Number(unread.n) };
  },

  filtered(db: Executor, accountId: number, userId: number, filter: NotificationFilter) {
    let q = db.selectFrom('notifications').where('account_id', '=', accountId).where('user_id', '=', userId);
    if (!filter.includes.includes('snoozed')) {
      q = q.where('snoozed_until', 'is', null);
    }
    if (!filter.includes.includes('read')) {
      q = q.where('read_at', 'is', null);
    }
    return q;
  },

  update(db: Executor, id: number, values: Updateable<NotificationsTable>): Promise<NotificationRow> {
    return db.updateTable('notifications').set({ ...values, updated_at: now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  /** Marks every unread notification of the user in the account read (optionally about one conversation). */
  async markAllRead(db: Executor, accountId: number, userId: number, conversationId: number | null): Promise<void> {
    let q = db.updateTable('notifications').set({ read_at: now(), updated_at: now() })
      .where('account_id', '=', accountId).where('user_id', '=', userId).where('read_at', 'is', null);
    if (conversationId !== null) {
      q = q.where('primary_actor_type', '=', 'Conversation').where('primary_actor_id', '=', conversationId);
    }
    await q.execute();
  },

  /** Deletes the user's notifications in the account: only the read ones, or all. */
  async removeAll(db: Executor, accountId: number, userId: number, which: 'read' | 'all'): Promise<void> {
    let q = db.deleteFrom('notifications').where('account_id', '=', accountId).where('user_id', '=', userId);
    if (which === 'read') {
      q = q.where('read_at', 'is not', null);
    }
    await q.execute();
  },

  async remove(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('notifications').where('id', '=', id).execute();
  },

  /** True when the user already has a notification about this message (by mention or assignment). */
  async existsForMessage(db: Executor, userId: number, messageId: number): Promise<boolean> {
    const row = await db.selectFrom('notifications').select('id').where('user_id', '=', userId)
      .where('secondary_actor_type', '=', 'Message').where('secondary_actor_id', '=', messageId).executeTakeFirst();
    return row !== undefined;
  },

  findSetting(db: Executor, accountId: number, userId: number): Promise<NotificationSettingRow | undefined> {
    return db.selectFrom('notification_settings').selectAll().where('account_id', '=', accountId).where('user_id', '=', userId).executeTakeFirst();
  },

  /** The settings row, created with `defaults` when there is none yet. */
  async ensureSetting(db: Executor, accountId: number, userId: number, defaults: { email: number; push: number }): Promise<NotificationSettingRow> {
    const at = now();
    await db.insertInto('notification_settings')
      .values({ account_id: accountId, user_id: userId, email_flags: defaults.email, push_flags: defaults.push, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['account_id', 'user_id']).doNothing()).execute();
    return (await this.findSetting(db, accountId, userId)) as NotificationSettingRow;
  },

  updateSetting(db: Executor, id: number, flags: { email_flags: number; push_flags: number }): Promise<NotificationSettingRow> {
    return db.updateTable('notification_settings').set({ ...flags, updated_at: now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  /** Records that `consumer` did its work for `eventId`; false when it already had (a replay). */
  async claimReceipt(db: Executor, consumer: string, eventId: number): Promise<boolean> {
    const rows = await db.insertInto('consumer_receipts').values({ consumer, event_id: eventId, created_at: now() })
      .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing()).returning('event_id').execute();
    return rows.length > 0;
  },
};
