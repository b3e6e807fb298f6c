import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { advanceClock, resetClock } from '../lib/clock.js';
import { createMailer } from '../mail/mailer.js';
import { decodeQuotedPrintable, startSmtpSink } from '../test/smtp.js';
import { buildAdmin, buildAgent, buildContact, buildContactInbox, buildInbox } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { previousSignatureValid, signatureValid, startReceiver, TestReceiver } from '../test/receiver.js';

const HOUR = 3_600_000;

describe('operating webhooks: secret rotation, auto-disable, re-enable replay', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const receiver = await startReceiver();
  const smtp = await startSmtpSink();
  // Administrators' mail goes to a real SMTP server.
  t.deps.mailer.close();
  t.deps.mailer = createMailer({ ...t.deps.env, smtp: smtp.config }, t.deps.log);
  after(() => t.deps.mailer.close());

  afterEach(() => resetClock());

  /** An administrator with an inbox, a conversation and one webhook subscribed to message_created at `hookUrl`. */
  async function desk(hookUrl: string) {
    const admin = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account: admin.account });
    const contact = await buildContact(db, { account: admin.account });
    const contactInbox = await buildContactInbox(db, { contact, inbox });
    const api = (method: string, path: string, body?: unknown, token = admin.token) =>
      t.request(method, `/api/v1/accounts/${admin.account.id}${path}`, { token, body });
    const hook = await api('POST', '/webhooks', { url: hookUrl, subscriptions: ['message_created'] });
    assert.equal(hook.statusCode, 200, hook.body);
    const created = await api('POST', '/conversations', { inbox_id: inbox.id, contact_id: contact.id, source_id: contactInbox.source_id });
    assert.equal(created.statusCode, 200, created.body);
    const displayId = created.json().id as number;
    const say = async (content: string) => {
      const res = await api('POST', `/conversations/${displayId}/messages`, { content });
      assert.equal(res.statusCode, 200, res.body);
    };
    const webhook = hook.json().payload.webhook as { id: number; secret: string };
    const deliveries = async () => ((await api('GET', `/webhooks/${webhook.id}/deliveries`)).json().payload.deliveries as Array<{ status: string; payload: { content: string } }>)
      .map((d) => [d.payload.content, d.status]).reverse();
    return { ...admin, inbox, api, webhook, say, deliveries };
  }

  it('signs with both secrets during the overlap window, and with the new one only after it', async () => {
    const d = await desk(receiver.url('/rotate'));
    const rotated = await d.api('POST', `/webhooks/${d.webhook.id}/rotate_secret`);
    assert.equal(rotated.statusCode, 200, rotated.body);
    const after = rotated.json().payload.webhook;
    assert.notEqual(after.secret, d.webhook.secret);
    assert.equal(after.status, 'enabled');
    const expires = Date.parse(after.previous_secret_expires_at);
    assert.ok(Math.abs(expires - (Date.now() + 24 * HOUR)) < 60_000, after.previous_secret_expires_at);

    await d.say('during the window');
    await t.settle();
    const [during] = receiver.at('/rotate', 'message_created');
    assert.equal(signatureValid(during, after.secret), true, 'X-Chatwoot-Signature uses the new secret');
    assert.equal(signatureValid(during, d.webhook.secret), false);
    assert.equal(previousSignatureValid(during, d.webhook.secret), true, 'X-Chatwoot-Signature-Previous uses the old secret');

    advanceClock(24 * HOUR + 1000);
    await d.say('after the window');
    await t.settle();
    const late = receiver.at('/rotate', 'message_created')[1];
    assert.equal(late.body.content, 'after the window');
    assert.equal(signatureValid(late, after.secret), true);
    assert.equal(late.headers['x-chatwoot-signature-previous'], undefined);
    const shown = (await d.api('GET', '/webhooks')).json().payload.webhooks[0];
    assert.equal(shown.previous_secret_expires_at, null);
  });

  it('rotates with a chosen overlap (0 ends the old secret at once) and refuses bad input and other callers', async () => {
    const d = await desk(receiver.url('/rotate-now'));
    const now = await d.api('POST', `/webhooks/${d.webhook.id}/rotate_secret`, { overlap_seconds: 0 });
    assert.equal(now.statusCode, 200, now.body);
    assert.equal(now.json().payload.webhook.previous_secret_expires_at, null);
    await d.say('no overlap');
    await t.settle();
    const [got] = receiver.at('/rotate-now', 'message_created');
    assert.equal(signatureValid(got, now.json().payload.webhook.secret), true);
    assert.equal(got.headers['x-chatwoot-signature-previous'], undefined);

    const bad = await d.api('POST', `/webhooks/${d.webhook.id}/rotate_secret`, { overlap_seconds: -1 });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.match(bad.body, /overlap_seconds/);
    const agent = await buildAgent(db, t.deps.env, { account: d.account });
    assert.equal((await d.api('POST', `/webhooks/${d.webhook.id}/rotate_secret`, undefined, agent.token)).statusCode, 401);
    const other = await buildAdmin(db, t.deps.env);
    const cross = await t.request('POST', `/api/v1/accounts/${other.account.id}/webhooks/${d.webhook.id}/rotate_secret`, { token: other.token });
    assert.equal(cross.statusCode, 404);
    assert.equal((await d.api('POST', '/webhooks/999999/rotate_secret')).statusCode, 404);
  });

  it('disables a webhook that failed every attempt for 24 h, tells the administrators, and replays what it missed in order once enabled', async () => {
    const target = await new TestReceiver().up();
    await target.down();
    const d = await desk(target.url('/down'));
    await d.say('m1');
    await t.settle();
    const failing = await db.selectFrom('webhooks').selectAll().where('id', '=', d.webhook.id).executeTakeFirstOrThrow();
    assert.notEqual(failing.failing_since, null);
    assert.equal((await d.api('GET', '/webhooks')).json().payload.webhooks[0].status, 'enabled', 'still enabled within the 24 h');

    advanceClock(24 * HOUR + 60_000);
    await d.say('m2');
    await t.settle();
    const listed = (await d.api('GET', '/webhooks')).json().payload.webhooks[0];
    assert.equal(listed.status, 'disabled');
    assert.notEqual(listed.disabled_at, null);
    const [disabled] = t.events.of(d.account.id, 'webhook.disabled');
    assert.ok(disabled, 'webhook.disabled recorded in the outbox');
    assert.equal(disabled.data?.webhook_id, d.webhook.id);
    assert.equal(disabled.data?.reason, 'failing');
    const mail = await smtp.waitFor(d.user.email);
    assert.match(mail.raw, /Subject: Webhook disabled/);
    assert.match(decodeQuotedPrintable(mail.raw).replace(/\s+/g, ' '), /has failed for 24 hours/);

    await d.say('m3');
    await t.settle();
    assert.deepEqual(await d.deliveries(), [['m1', 'dead'], ['m2', 'paused'], ['m3', 'paused']]);

    await target.up();
    const enabled = await d.api('PATCH', `/webhooks/${d.webhook.id}`, { status: 'enabled' });
    assert.equal(enabled.statusCode, 200, enabled.body);
    assert.equal(enabled.json().payload.webhook.status, 'enabled');
    assert.equal(enabled.json().payload.webhook.disabled_at, null);
    await t.settle();
    const got = target.at('/down', 'message_created');
    assert.deepEqual(got.map((r) => r.body.content), ['m1', 'm2', 'm3']);
    assert.ok(got.every((r) => signatureValid(r, d.webhook.secret)));
    assert.deepEqual(await d.deliveries(), [['m1', 'succeeded'], ['m2', 'succeeded'], ['m3', 'succeeded']]);
    await target.down();
  });

  it('a successful attempt ends the failure streak', async () => {
    const d = await desk(receiver.url('/flaky'));
    receiver.respondWith(400);
    await d.say('refused');
    await t.settle();
    assert.notEqual((await db.selectFrom('webhooks').select('failing_since').where('id', '=', d.webhook.id).executeTakeFirstOrThrow()).failing_since, null);
    await d.say('accepted');
    await t.settle();
    assert.equal((await db.selectFrom('webhooks').select('failing_since').where('id', '=', d.webhook.id).executeTakeFirstOrThrow()).failing_since, null);
    advanceClock(25 * HOUR);
    receiver.respondWith(500, 200);
    await d.say('one failure after a day');
    await t.settle();
    assert.equal((await d.api('GET', '/webhooks')).json().payload.webhooks[0].status, 'enabled');
  });

  it('holds deliveries while disabled by hand and sends them on enable; refuses bad status, agents and other accounts', async () => {
    const d = await desk(receiver.url('/manual'));
    const off = await d.api('POST', `/webhooks/${d.webhook.id}/disable`);
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json().payload.webhook.status, 'disabled');
    await d.say('while off 1');
    await d.say('while off 2');
    await t.settle();
    assert.equal(receiver.at('/manual').length, 0);
    assert.deepEqual(await d.deliveries(), [['while off 1', 'paused'], ['while off 2', 'paused']]);
    const [event] = t.events.of(d.account.id, 'webhook.disabled');
    assert.equal(event.data?.reason, 'manual');

    const bad = await d.api('PATCH', `/webhooks/${d.webhook.id}`, { status: 'sleeping' });
    assert.equal(bad.statusCode, 422, bad.body);
    assert.match(bad.body, /status/);
    const agent = await buildAgent(db, t.deps.env, { account: d.account });
    assert.equal((await d.api('POST', `/webhooks/${d.webhook.id}/enable`, undefined, agent.token)).statusCode, 401);
    const other = await buildAdmin(db, t.deps.env);
    assert.equal((await t.request('POST', `/api/v1/accounts/${other.account.id}/webhooks/${d.webhook.id}/enable`, { token: other.token })).statusCode, 404);

    const on = await d.api('POST', `/webhooks/${d.webhook.id}/enable`);
    assert.equal(on.statusCode, 200, on.body);
    await t.settle();
    assert.deepEqual(receiver.at('/manual', 'message_created').map((r) => r.body.content), ['while off 1', 'while off 2']);
    const again = await d.api('POST', `/webhooks/${d.webhook.id}/enable`);
    assert.equal(again.statusCode, 200);
    await t.settle();
    assert.equal(receiver.at('/manual', 'message_created').length, 2, 'enabling an enabled webhook replays nothing');
  });
});
