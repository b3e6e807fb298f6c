import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { ChannelWebWidgetRow, ChannelWebWidgetsTable, InboxRow } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Website live-chat channels (`Channel::WebWidget`). */
export const channelWebWidgetRepository = {
  findById(db: Executor, accountId: number, id: number): Promise<ChannelWebWidgetRow | undefined> {
    return db.selectFrom('channel_web_widgets').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  findByIds(db: Executor, accountId: number, ids: number[]): Promise<ChannelWebWidgetRow[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('channel_web_widgets').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
  },

  /** The channel behind a site's `website_token`, with its inbox. */
  async findByWebsiteToken(db: Executor, token: string): Promise<{ channel: ChannelWebWidgetRow; inbox: InboxRow } | undefined> {
    const channel = await db.selectFrom('channel_web_widgets').selectAll().where('website_token', '=', token).executeTakeFirst();
    if (!channel) {
      return undefined;
    }
    const inbox = await db.selectFrom('inboxes').selectAll().where('account_id', '=', channel.account_id)
      .where('channel_type', '=', 'Channel::WebWidget').where('channel_id', '=', channel.id).executeTakeFirst();
    return inbox ? { channel, inbox } : undefined;
  },

  insert(db: Executor, values: Omit<Insertable<ChannelWebWidgetsTable>, 'created_at' | 'updated_at'>): Promise<ChannelWebWidgetRow> {
    const at = now();
    return db.insertInto('channel_web_widgets').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, accountId: number, id: number, values: Updateable<ChannelWebWidgetsTable>): Promise<ChannelWebWidgetRow> {
    return db.updateTable('channel_web_widgets').set({ ...values, updated_at: now() })
      .where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  async remove(db: Executor, accountId: number, id: number): Promise<void> {
    await db.deleteFrom('channel_web_widgets').where('account_id', '=', accountId).where('id', '=', id).execute();
  },
};
