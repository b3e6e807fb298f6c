import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { WebhookDeliveriesTable, WebhookDeliveryRow } from '../db/schema.js';
import { now } from '../lib/clock.js';

type TargetType = WebhookDeliveriesTable['target_type'];
/** Statuses that still have to go out; they hold back later deliveries of their group. */
const OPEN_STATUSES = ['pending', 'sending'] as const;

/** The delivery log of outgoing webhooks: one row per event and receiver. */
export const webhookDeliveryRepository = {
  /** Inserts the deliveries; one already recorded for the same event and receiver is left alone. */
  async insertMany(db: Executor, rows: Array<Omit<Insertable<WebhookDeliveriesTable>, 'created_at' | 'updated_at'>>): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const at = now();
    await db.insertInto('webhook_deliveries').values(rows.map((r) => ({ ...r, created_at: at, updated_at: at })))
      .onConflict((oc) => oc.columns(['event_id', 'target_type', 'target_id']).doNothing()).execute();
  },

  findById(db: Executor, id: number): Promise<WebhookDeliveryRow | undefined> {
    return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByDeliveryId(db: Executor, accountId: number, target: { type: TargetType; id: number }, deliveryId: string): Promise<WebhookDeliveryRow | undefined> {
    return db.selectFrom('webhook_deliveries').selectAll().where('account_id', '=', accountId)
      .where('target_type', '=', target.type).where('target_id', '=', target.id).where('delivery_id', '=', deliveryId)
      .executeTakeFirst();
  },

  /** A receiver's deliveries, newest first, one page. */
  listByTarget(db: Executor, accountId: number, target: { type: TargetType; id: number }, page: { limit: number; offset: number }): Promise<WebhookDeliveryRow[]> {
    return db.selectFrom('webhook_deliveries').selectAll().where('account_id', '=', accountId)
      .where('target_type', '=', target.type).where('target_id', '=', target.id)
      .orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
  },

  async countByTarget(db: Executor, accountId: number, target: { type: TargetType; id: number }): Promise<number> {
    const row = await db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll().as('n')).where('account_id', '=', accountId)
      .where('target_type', '=', target.type).where('target_id', '=', target.id).executeTakeFirst();
    return Number(row?.n ?? 0);
  },

  /** The first delivery of the group still to go out, if any. */
  headOfGroup(db: Executor, groupKey: string): Promise<WebhookDeliveryRow | undefined> {
    return db.selectFrom('webhook_deliveries').selectAll().where('group_key', '=', groupKey)
      .where('status', 'in', OPEN_STATUSES).orderBy('id').limit(1).executeTakeFirst();
  },

  /** Whether the group has a delivery still to go out (cheaper than claimHead when, as is usual, it has none). */
  async hasOpen(db: Executor, groupKey: string): Promise<boolean> {
    const row = await db.selectFrom('webhook_deliveries').select('id').where('group_key', '=', groupKey)
      .where('status', 'in', OPEN_STATUSES).limit(1).executeTakeFirst();
    return row !== undefined;
  },

  /**
   * Takes a delivery for sending: only when it is pending and due (or its sender's lease ran
   * out) and no earlier delivery of its group is still open. Counts the attempt.
   */
  claim(db: Executor, id: number, leaseMs: number): Promise<WebhookDeliveryRow | undefined> {
    const at = now();
    return db.updateTable('webhook_deliveries as d')
      .set((eb) => ({ status: 'sending', attempts: eb('d.attempts', '+', 1), locked_until: at + leaseMs, updated_at: at }))
      .where('d.id', '=', id)
      .where((eb) => eb.or([
        eb.and([eb('d.status', '=', 'pending'), eb.or([eb('d.locked_until', 'is', null), eb('d.locked_until', '<=', at)])]),
        eb.and([eb('d.status', '=', 'sending'), eb('d.locked_until', '<', at)]),
      ]))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('webhook_deliveries as e').select('e.id')
        .whereRef('e.group_key', '=', 'd.group_key').whereRef('e.id', '<', 'd.id').where('e.status', 'in', OPEN_STATUSES))))
      .returningAll().executeTakeFirst();
  },

  /**
   * Takes the first open delivery of a group for sending, as `claim` does, in one statement:
   * nothing when that delivery is already being sent (its sender hands the group on) or waits
   * for a retry.
   */
  claimHead(db: Executor, groupKey: string, leaseMs: number): Promise<WebhookDeliveryRow | undefined> {
    const at = now();
    return db.updateTable('webhook_deliveries as d')
      .set((eb) => ({ status: 'sending', attempts: eb('d.attempts', '+', 1), locked_until: at + leaseMs, updated_at: at }))
      .where('d.id', '=', (eb) => eb.selectFrom('webhook_deliveries as e').select('e.id').where('e.group_key', '=', groupKey)
        .where('e.status', 'in', OPEN_STATUSES).orderBy('e.id').limit(1))
      .where((eb) => eb.or([
        eb.and([eb('d.status', '=', 'pending'), eb.or([eb('d.locked_until', 'is', null), eb('d.locked_until', '<=', at)])]),
        eb.and([eb('d.status', '=', 'sending'), eb('d.locked_until', '<', at)]),
      ]))
      .returningAll().executeTakeFirst();
  },

  async update(db: Executor, id: number, values: Updateable<WebhookDeliveriesTable>): Promise<void> {
    await db.updateTable('webhook_deliveries').set({ ...values, updated_at: now() }).where('id', '=', id).execute();
  },

  /**
   * Groups with a delivery that should be on its way but may have no job: pending and due,
   * or sending past its lease (its sender died). Oldest first, at most `limit`.
   */
  async stalledGroups(db: Executor, at: number, limit: number): Promise<string[]> {
    const rows = await db.selectFrom('webhook_deliveries').select('group_key')
      .where((eb) => eb.or([
        eb.and([eb('status', '=', 'pending'), eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)])]),
        eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', at)]),
      ]))
      .orderBy('id').limit(limit).execute();
    return [...new Set(rows.map((r) => r.group_key))];
  },

  /** Holds a webhook's deliveries that wait to go out (its webhook was disabled). */
  async pauseOpen(db: Executor, accountId: number, webhookId: number): Promise<void> {
    await db.updateTable('webhook_deliveries').set({ status: 'paused', locked_until: null, updated_at: now() })
      .where('account_id', '=', accountId).where('target_type', '=', 'Webhook').where('target_id', '=', webhookId)
      .where('status', '=', 'pending').execute();
  },

  /**
   * Puts back in the queue, with a fresh set of attempts, what a webhook missed: its held
   * deliveries and, when `failedSince` is set, those given up on since then. Returns the
   * groups to start.
   */
  async resumeMissed(db: Executor, accountId: number, webhookId: number, failedSince: number | null): Promise<string[]> {
    let missed = db.updateTable('webhook_deliveries').set({ status: 'pending', attempts: 0, locked_until: null, updated_at: now() })
      .where('account_id', '=', accountId).where('target_type', '=', 'Webhook').where('target_id', '=', webhookId);
    missed = failedSince === null ? missed.where('status', '=', 'paused')
      : missed.where((eb) => eb.or([
        eb('status', '=', 'paused'),
        eb.and([eb('status', 'in', ['dead', 'failed']), eb('updated_at', '>=', failedSince)]),
      ]));
    const rows = await missed.returning('group_key').execute();
    return [...new Set(rows.map((r) => r.group_key))];
  },

  /** Deletes finished deliveries (succeeded, failed, dead) created before `before`; returns how many. */
  async removeFinishedBefore(db: Executor, before: number): Promise<number> {
    const result = await db.deleteFrom('webhook_deliveries').where('created_at', '<', before)
      .where('status', 'in', ['succeeded', 'failed', 'dead']).executeTakeFirst();
    return Number(result.numDeletedRows);
  },

  async removeByTarget(db: Executor, accountId: number, target: { type: TargetType; id: number }): Promise<void> {
    await db.deleteFrom('webhook_deliveries').where('account_id', '=', accountId)
      .where('target_type', '=', target.type).where('target_id', '=', target.id).execute();
  },
};
