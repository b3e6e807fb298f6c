import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { DELIVER_WEBHOOK, deliverWebhookHandler } from '../jobs/deliver-webhook.job.js';
import { SqlQueue } from '../jobs/sql-queue.js';
import { buildAdmin, buildContact, buildContactInbox, buildInbox } from '../test/factories.js';
import { buildTestApp, TEST_JOBS_CONFIG } from '../test/harness.js';
import { startReceiver, TestReceiver } from '../test/receiver.js';

describe('webhook delivery: retries, order, restart, delivery log', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const receiver = await startReceiver();


  async function desk(url: (path: string) => string, path: string) {
    const admin = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account: admin.account });
    const contact = await buildContact(db, { account: admin.account });
    const contactInbox = await buildContactInbox(db, { contact, inbox });
    const api = (method: string, p: string, body?: unknown) => t.request(method, `/api/v1/accounts/${admin.account.id}${p}`, { token: admin.token, body });
    const hook = await api('POST', '/webhooks', { url: url(path), subscriptions: ['message_created', 'conversation_created'] });
    assert.equal(hook.statusCode, 200, hook.body);
    const conversation = async () => {
      const res = await api('POST', '/conversations', { inbox_id: inbox.id, contact_id: contact.id, source_id: contactInbox.source_id });
      return res.json().id as number;
    };
    const say = async (displayId: number, content: string) => {
      const res = await api('POST', `/conversations/${displayId}/messages`, { content });
      assert.equal(res.statusCode, 200, res.body);
    };
    return { ...admin, api, webhookId: hook.json().payload.webhook.id as number, conversation, say };
  }

  it('retries 503 twice, then delivers once more with the same delivery id, and logs it', async () => {
    const d = await desk((p) => receiver.url(p), '/retry');
    const displayId = await d.conversation();
    await t.settle();
    receiver.respondWith(503, 503);
    await d.say(displayId, 'again and again');
    await t.settle();
    const got = receiver.at('/retry', 'message_created');
    assert.deepEqual(got.map((r) => r.status), [503, 503, 200]);
    assert.equal(new Set(got.map((r) => r.headers['x-chatwoot-delivery'])).size, 1, 'same delivery id on every attempt');
    assert.equal(got[2].raw, got[0].raw, 'same body on every attempt');

    const log = await d.api('GET', `/webhooks/${d.webhookId}/deliveries`);
    assert.equal(log.statusCode, 200);
    const { meta, payload } = log.json();
    assert.deepEqual(meta, { count: 2, current_page: 1 });
    const [latest] = payload.deliveries;
    assert.deepEqual(Object.keys(latest), [
      'id', 'event', 'status', 'attempts', 'response_code', 'latency_ms', 'last_error', 'next_attempt_at', 'created_at', 'delivered_at', 'payload',
    ]);
    assert.equal(latest.id, got[0].headers['x-chatwoot-delivery']);
    assert.deepEqual({ ...latest, latency_ms: 0, created_at: '', delivered_at: '', payload: {} }, {
      id: latest.id, event: 'message_created', status: 'succeeded', attempts: 3, response_code: 200, latency_ms: 0, last_error: null,
      next_attempt_at: null, created_at: '', delivered_at: '', payload: {},
    });
    assert.equal(latest.payload.content, 'again and again');

    const again = await d.api('POST', `/webhooks/${d.webhookId}/deliveries/${latest.id}/redeliver`);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().payload.delivery.status, 'pending');
    await t.settle();
    const after = receiver.at('/retry', 'message_created');
    assert.equal(after.length, 4);
    assert.equal(after[3].headers['x-chatwoot-delivery'], latest.id);
  });

  it('does not retry other 4xx answers, and goes on with the next delivery', async () => {
    const d = await desk((p) => receiver.url(p), '/gone');
    const displayId = await d.conversation();
    await t.settle();
    receiver.respondWith(410);
    await d.say(displayId, 'first');
    await d.say(displayId, 'second');
    await t.settle();
    assert.deepEqual(receiver.at('/gone', 'message_created').map((r) => [r.body.content, r.status]), [['first', 410], ['second', 200]]);
    const log = (await d.api('GET', `/webhooks/${d.webhookId}/deliveries`)).json().payload.deliveries;
    assert.deepEqual(log.slice(0, 2).map((x: { status: string; attempts: number; response_code: number; last_error: string | null }) =>
      [x.status, x.attempts, x.response_code, x.last_error]), [['succeeded', 1, 200, null], ['failed', 1, 410, 'HTTP 410']]);
  });

  it('keeps every event while the receiver is down across a restart, and delivers them in order per conversation', async () => {
    // Retries far enough apart that the receiver's downtime never uses them all up, however slow this machine is.
    const patient = new SqlQueue(t.deps.db, t.deps.log, { baseBackoffMs: 300, maxBackoffMs: 2000, concurrency: 8 });
    patient.register(DELIVER_WEBHOOK, deliverWebhookHandler(t.deps));
    await t.deps.jobs.stop();
    t.deps.jobs = patient;
    await patient.start();
    const down = await new TestReceiver().up();
    await down.down();
    const d = await desk((p) => down.url(p), '/later');
    const first = await d.conversation();
    const second = await d.conversation();
    for (const n of [1, 2, 3]) {
      await d.say(first, `a${n}`);
      await d.say(second, `b${n}`);
    }
    await t.deps.dispatcher.drain();
    const tried = () => db.selectFrom('webhook_deliveries').select(['attempts', 'last_error'])
      .where('account_id', '=', d.account.id).where('attempts', '>', 0).where('status', '=', 'pending').execute();
    for (let wait = 0; wait < 500 && (await tried()).length === 0; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const failed = await tried();
    assert.ok(failed.length > 0 && failed.every((r) => /ECONNREFUSED/.test(r.last_error ?? '')), 'attempts failed while the receiver was down');
    // The server goes away with every delivery still owed, then comes back on the same database.
    await patient.stop();
    const restarted = new SqlQueue(t.deps.db, t.deps.log, TEST_JOBS_CONFIG);
    t.deps.jobs = restarted;
    restarted.register(DELIVER_WEBHOOK, deliverWebhookHandler(t.deps));
    await down.up();
    await restarted.start();
    await t.settle();
    await down.down();
    const messages = down.at('/later', 'message_created').filter((r) => r.status === 200).map((r) => r.body);
    const of = (displayId: number) => messages.filter((m) => (m.conversation as { id: number }).id === displayId).map((m) => m.content);
    assert.deepEqual(of(first), ['a1', 'a2', 'a3']);
    assert.deepEqual(of(second), ['b1', 'b2', 'b3']);
    assert.equal(down.at('/later', 'conversation_created').filter((r) => r.status === 200).length, 2);
  });

  it('marks an API inbox message failed when its callback refuses it, keeping the error, and sent again once redelivered', async () => {
    const admin = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account: admin.account, channel: { webhook_url: receiver.url('/api-refuses') } });
    const contact = await buildContact(db, { account: admin.account });
    const contactInbox = await buildContactInbox(db, { contact, inbox });
    const api = (method: string, p: string, body?: unknown) => t.request(method, `/api/v1/accounts/${admin.account.id}${p}`, { token: admin.token, body });
    const displayId = (await api('POST', '/conversations', { inbox_id: inbox.id, contact_id: contact.id, source_id: contactInbox.source_id })).json().id;
    await t.settle();
    receiver.respondWith(422, 422);
    const sent = await api('POST', `/conversations/${displayId}/messages`, { content: 'will fail' });
    await t.settle();
    const row = await db.selectFrom('messages').select(['status', 'content_attributes']).where('id', '=', sent.json().id).executeTakeFirstOrThrow();
    assert.equal(row.status, 3, 'failed');
    assert.equal(row.content_attributes.external_error, 'HTTP 422');
    const events = receiver.at('/api-refuses').map((r) => r.body.event);
    assert.ok(events.includes('message_updated'), 'the failure itself is reported as message_updated');

    // Redelivered from the inbox's delivery log, now accepted: the message is sent again, the error gone.
    const log = await api('GET', `/inboxes/${inbox.id}/deliveries`);
    const failed = (log.json().payload.deliveries as Array<{ id: string; event: string; status: string; payload: { id?: number } }>)
      .find((d) => d.event === 'message_created' && d.payload.id === sent.json().id);
    assert.equal(failed?.status, 'failed');
    const again = await api('POST', `/inboxes/${inbox.id}/deliveries/${failed?.id}/redeliver`);
    assert.equal(again.statusCode, 200, again.body);
    await t.settle();
    const recovered = await db.selectFrom('messages').select(['status', 'content_attributes']).where('id', '=', sent.json().id).executeTakeFirstOrThrow();
    assert.equal(recovered.status, 0, 'sent');
    assert.equal(recovered.content_attributes.external_error, null);
  });

  it('answers 404 for another account\'s webhook log and unknown deliveries, 401 for agents', async () => {
    const d = await desk((p) => receiver.url(p), '/acl');
    const other = await buildAdmin(db, t.deps.env);
    const cross = await t.request('GET', `/api/v1/accounts/${other.account.id}/webhooks/${d.webhookId}/deliveries`, { token: other.token });
    assert.equal(cross.statusCode, 404);
    const unknown = await d.api('POST', `/webhooks/${d.webhookId}/deliveries/nope/redeliver`);
    assert.equal(unknown.statusCode, 404);
    const { buildAgent } = await import('../test/factories.js');
    const agent = await buildAgent(db, t.deps.env, { account: d.account });
    const denied = await t.request('GET', `/api/v1/accounts/${d.account.id}/webhooks/${d.webhookId}/deliveries`, { token: agent.token });
    assert.equal(denied.statusCode, 401);
  });
});
