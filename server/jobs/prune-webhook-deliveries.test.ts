import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAccount } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { DELIVERY_LOG_RETENTION_MS, pruneWebhookDeliveriesHandler } from './prune-webhook-deliveries.job.js';

describe('prune-webhook-deliveries job', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  it('deletes finished deliveries past the retention and keeps recent or open ones', async () => {
    const account = await buildAccount(db);
    const old = Date.now() - DELIVERY_LOG_RETENTION_MS - 1000;
    const row = (n: number, status: 'succeeded' | 'dead' | 'pending', createdAt: number) => ({
      delivery_id: `prune-${account.id}-${n}`, account_id: account.id, target_type: 'Webhook' as const, target_id: 1, event_id: null,
      event: 'message_created', group_key: `g${n}`, body: '{}', status, attempts: 1, response_code: null, latency_ms: null,
      last_error: null, locked_until: null, delivered_at: null, created_at: createdAt, updated_at: createdAt,
    });
    await db.insertInto('webhook_deliveries').values([row(1, 'succeeded', old), row(2, 'dead', old), row(3, 'pending', old), row(4, 'succeeded', Date.now())]).execute();
    await pruneWebhookDeliveriesHandler(t.deps)({}, { id: '1', name: 'prune-webhook-deliveries', attempt: 1, maxAttempts: 1 });
    const left = await db.selectFrom('webhook_deliveries').select('delivery_id').where('account_id', '=', account.id).orderBy('id').execute();
    assert.deepEqual(left.map((r) => r.delivery_id), [`prune-${account.id}-3`, `prune-${account.id}-4`]);
  });
});
