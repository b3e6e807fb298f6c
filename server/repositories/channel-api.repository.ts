import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { ChannelApiRow, ChannelApiTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** API channels (`Channel::Api`): the callback URL, the public inbox identifier and the HMAC/webhook secrets. */
export const channelApiRepository = {
  findById(db: Executor, accountId: number, id: number): Promise<ChannelApiRow | undefined> {
    return db.selectFrom('channel_api').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  findByIds(db: Executor, accountId: number, ids: number[]): Promise<ChannelApiRow[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('channel_api').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
  },

  /** The channel behind a public `inbox_identifier` (Client API). */
  findByIdentifier(db: Executor, identifier: string): Promise<ChannelApiRow | undefined> {
    return db.selectFrom('channel_api').selectAll().where('identifier', '=', identifier).executeTakeFirst();
  },

  insert(db: Executor, values: Omit<Insertable<ChannelApiTable>, 'created_at' | 'updated_at'>): Promise<ChannelApiRow> {
    const at = now();
    return db.insertInto('channel_api').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, accountId: number, id: number, values: Updateable<ChannelApiTable>): Promise<ChannelApiRow> {
    return db.updateTable('channel_api').set({ ...values, updated_at: now() })
      .where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  async remove(db: Executor, accountId: number, id: number): Promise<void> {
    await db.deleteFrom('channel_api').where('account_id', '=', accountId).where('id', '=', id).execute();
  },
};
