import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { WebhookRow, WebhooksTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Account webhooks (`webhooks`); every query is scoped to the account. */
export const webhookRepository = {
  list(db: Executor, accountId: number): Promise<WebhookRow[]> {
    return db.selectFrom('webhooks').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
  },

  findById(db: Executor, accountId: number, id: number): Promise<WebhookRow | undefined> {
    return db.selectFrom('webhooks').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  /** Starts the failure streak at `at` unless one is under way; returns the webhook as it is now. */
  markFailing(db: Executor, id: number, at: number): Promise<WebhookRow | undefined> {
    return db.updateTable('webhooks').set((eb) => ({ failing_since: eb.fn.coalesce('failing_since', eb.val(at)) }))
      .where('id', '=', id).returningAll().executeTakeFirst();
  },

  /** Ends the failure streak after a successful attempt. */
  async clearFailing(db: Executor, id: number): Promise<void> {
    await db.updateTable('webhooks').set({ failing_since: null }).where('id', '=', id).where('failing_since', 'is not', null).execute();
  },

  /** The account's webhooks of type account_type (0) subscribed to `event`, enabled or not. */
  async listSubscribed(db: Executor, accountId: number, event: string): Promise<WebhookRow[]> {
    const rows = await db.selectFrom('webhooks').selectAll()
      .where('account_id', '=', accountId).where('webhook_type', '=', 0).orderBy('id').execute();
    return rows.filter((row) => Array.isArray(row.subscriptions) && row.subscriptions.includes(event));
  },

  insert(db: Executor, values: Omit<Insertable<WebhooksTable>, 'created_at' | 'updated_at'>): Promise<WebhookRow> {
    const at = now();
    return db.insertInto('webhooks').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, accountId: number, id: number, values: Updateable<WebhooksTable>): Promise<WebhookRow> {
    return db.updateTable('webhooks').set({ ...values, updated_at: now() })
      .where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  /** Updates the webhook only while its status is `from` (so two callers cannot both switch it); undefined otherwise. */
  switchStatus(db: Executor, accountId: number, id: number, from: number, values: Updateable<WebhooksTable>): Promise<WebhookRow | undefined> {
    return db.updateTable('webhooks').set({ ...values, updated_at: now() })
      .where('account_id', '=', accountId).where('id', '=', id).where('status', '=', from).returningAll().executeTakeFirst();
  },

  async remove(db: Executor, accountId: number, id: number): Promise<void> {
    await db.deleteFrom('webhooks').where('account_id', '=', accountId).where('id', '=', id).execute();
  },
};
