import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { BullmqJobs } from '../jobs/bullmq.js';
import { DELIVER_WEBHOOK, deliverWebhookHandler } from '../jobs/deliver-webhook.job.js';
import { buildAdmin, buildContact, buildContactInbox, buildInbox } from '../test/factories.js';
import { buildTestApp, TEST_JOBS_CONFIG } from '../test/harness.js';
import { startReceiver } from '../test/receiver.js';

const REDIS_URL = process.env.REDIS_URL;

describe('webhook delivery on BullMQ', { skip: REDIS_URL ? false : 'REDIS_URL is not set' }, async () => {
  if (!REDIS_URL) {
    return;
  }
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const receiver = await startReceiver();
  const queueName = `parley-test-webhooks-${randomBytes(6).toString('hex')}`;
  // Two nodes on one queue: the deliveries are shared between them and each goes out once.
  const nodes = [0, 1].map(() => new BullmqJobs(REDIS_URL, t.deps.log, TEST_JOBS_CONFIG, queueName));
  await t.deps.jobs.stop();
  t.deps.jobs = nodes[0];
  for (const node of nodes) {
    node.register(DELIVER_WEBHOOK, deliverWebhookHandler(t.deps));
    await node.start();
  }
  after(async () => {
    await nodes[0].obliterate().catch(() => undefined);
    await nodes[1].stop();
  });

  it('delivers every event once, in order per conversation, retrying a 503', async () => {
    const admin = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account: admin.account });
    const contact = await buildContact(db, { account: admin.account });
    const contactInbox = await buildContactInbox(db, { contact, inbox });
    const api = (method: string, p: string, body?: unknown) => t.request(method, `/api/v1/accounts/${admin.account.id}${p}`, { token: admin.token, body });
    assert.equal((await api('POST', '/webhooks', { url: receiver.url('/bull'), subscriptions: ['message_created'] })).statusCode, 200);
    const displayId = (await api('POST', '/conversations', { inbox_id: inbox.id, contact_id: contact.id, source_id: contactInbox.source_id })).json().id;
    receiver.respondWith(503);
    for (let n = 1; n <= 10; n++) {
      assert.equal((await api('POST', `/conversations/${displayId}/messages`, { content: `m${n}` })).statusCode, 200);
    }
    await t.settle();
    const ok = receiver.at('/bull', 'message_created').filter((r) => r.status === 200);
    assert.deepEqual(ok.map((r) => r.body.content), ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10']);
    assert.equal(new Set(ok.map((r) => r.headers['x-chatwoot-delivery'])).size, 10);
    assert.equal(receiver.at('/bull').length, 11, 'ten deliveries and one retry');
  });
});
