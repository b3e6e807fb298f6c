import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { advanceClock, resetClock } from '../lib/clock.js';
import { createMailer } from '../mail/mailer.js';
import { buildAdmin, buildAgent, buildAgentBot, buildContact, buildContactInbox, buildWebWidgetInbox } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { signatureValid, TestReceiver } from '../test/receiver.js';
import { decodeQuotedPrintable, startSmtpSink } from '../test/smtp.js';

const HOUR = 3_600_000;

interface LoggedDelivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  last_error: string | null;
  payload: { content?: string };
}

describe('API-channel callbacks and agent bots: failure streaks, administrators told, delivery log', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const smtp = await startSmtpSink();
  t.deps.mailer.close();
  t.deps.mailer = createMailer({ ...t.deps.env, smtp: smtp.config }, t.deps.log);
  after(() => t.deps.mailer.close());
  afterEach(() => resetClock());

  /** A receiver that is down (connections refused) until `up()`. */
  async function downReceiver(): Promise<TestReceiver> {
    const receiver = await new TestReceiver().up();
    await receiver.down();
    after(() => receiver.down());
    return receiver;
  }

  /** An administrator, an API inbox whose callback is `callbackUrl`, and a conversation in it. */
  async function apiDesk(callbackUrl: string) {
    const admin = await buildAdmin(db, t.deps.env);
    const api = (method: string, path: string, body?: unknown, token = admin.token) =>
      t.request(method, `/api/v1/accounts/${admin.account.id}${path}`, { token, body });
    const created = await api('POST', '/inboxes', { name: 'Bridge', channel: { type: 'api', webhook_url: callbackUrl } });
    assert.equal(created.statusCode, 200, created.body);
    const inbox = created.json() as { id: number; secret: string };
    const contact = await buildContact(db, { account: admin.account });
    const contactInbox = await buildContactInbox(db, { contact, inbox: (await db.selectFrom('inboxes').selectAll().where('id', '=', inbox.id).executeTakeFirstOrThrow()) });
    const conversation = await api('POST', '/conversations', { inbox_id: inbox.id, contact_id: contact.id, source_id: contactInbox.source_id });
    assert.equal(conversation.statusCode, 200, conversation.body);
    const say = async (content: string) => {
      const res = await api('POST', `/conversations/${conversation.json().id}/messages`, { content });
      assert.equal(res.statusCode, 200, res.body);
    };
    const log = async () => {
      const res = await api('GET', `/inboxes/${inbox.id}/deliveries`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { meta: { count: number; failing_since: string | null }; payload: { deliveries: LoggedDelivery[] } };
    };
    return { ...admin, api, inbox, say, log };
  }

  const mailsTo = (email: string, subject: RegExp) => smtp.received.filter((m) => m.to.includes(email) && subject.test(m.raw));

  it('tracks an API inbox callback failing, tells the administrators once after 24 h, and redelivers from the log once it is back', async () => {
    const target = await downReceiver();
    const d = await apiDesk(target.url('/bridge'));
    await d.say('m1');
    await t.settle();
    const first = await d.log();
    const m1 = first.payload.deliveries.find((x) => x.event === 'message_created' && x.payload.content === 'm1');
    assert.ok(m1, JSON.stringify(first.payload.deliveries));
    assert.equal(m1.status, 'dead');
    assert.ok(m1.attempts > 1, 'retried before giving up');
    assert.notEqual(first.meta.failing_since, null, 'the streak shows in the log');
    assert.equal(mailsTo(d.user.email, /API inbox callback failing/).length, 0, 'nobody is told within the 24 h');
    const message = await db.selectFrom('messages').select('status').where('account_id', '=', d.account.id).where('content', '=', 'm1').executeTakeFirstOrThrow();
    assert.equal(message.status, 3, 'the message is marked failed (3), as Chatwoot does');

    advanceClock(24 * HOUR + 60_000);
    await d.say('m2');
    await t.settle();
    const mail = await smtp.waitFor(d.user.email, (m) => /API inbox callback failing/.test(m.raw));
    const text = decodeQuotedPrintable(mail.raw).replace(/\s+/g, ' ');
    assert.match(text, /has failed for 24 hours/);
    assert.match(text, new RegExp(`/inboxes/${d.inbox.id}/deliveries`));
    await d.say('m3');
    await t.settle();
    assert.equal(mailsTo(d.user.email, /API inbox callback failing/).length, 1, 'one mail per failure streak');
    const channel = await db.selectFrom('inboxes').innerJoin('channel_api', 'channel_api.id', 'inboxes.channel_id')
      .select(['channel_api.failing_since', 'channel_api.failing_notified_at']).where('inboxes.id', '=', d.inbox.id).executeTakeFirstOrThrow();
    assert.notEqual(channel.failing_notified_at, null);

    await target.up();
    const redeliver = await d.api('POST', `/inboxes/${d.inbox.id}/deliveries/${m1.id}/redeliver`);
    assert.equal(redeliver.statusCode, 200, redeliver.body);
    assert.equal(redeliver.json().payload.delivery.status, 'pending');
    await t.settle();
    const [got] = target.at('/bridge', 'message_created');
    assert.equal(got.body.content, 'm1');
    assert.equal(got.headers['x-chatwoot-delivery'], m1.id, 'same delivery id');
    assert.equal(signatureValid(got, d.inbox.secret), true, 'signed with the channel secret');
    const healed = await d.log();
    assert.equal(healed.meta.failing_since, null, 'a success ends the streak');
    assert.equal(healed.payload.deliveries.find((x) => x.id === m1.id)?.status, 'succeeded');
    const cleared = await db.selectFrom('channel_api').select('failing_notified_at').where('account_id', '=', d.account.id).executeTakeFirstOrThrow();
    assert.equal(cleared.failing_notified_at, null, 'the next streak is reported again');
  });

  it('refuses the callback log to agents (401), other accounts and non-API inboxes (404), and unknown deliveries (404)', async () => {
    const target = await downReceiver();
    const d = await apiDesk(target.url('/refuse'));
    const agent = await buildAgent(db, t.deps.env, { account: d.account });
    assert.equal((await d.api('GET', `/inboxes/${d.inbox.id}/deliveries`, undefined, agent.token)).statusCode, 401);
    const other = await buildAdmin(db, t.deps.env);
    assert.equal((await t.request('GET', `/api/v1/accounts/${other.account.id}/inboxes/${d.inbox.id}/deliveries`, { token: other.token })).statusCode, 404);
    const { inbox: web } = await buildWebWidgetInbox(db, { account: d.account });
    assert.equal((await d.api('GET', `/inboxes/${web.id}/deliveries`)).statusCode, 404);
    assert.equal((await d.api('POST', `/inboxes/${d.inbox.id}/deliveries/no-such-delivery/redeliver`)).statusCode, 404);
    const bad = await d.api('GET', `/inboxes/${d.inbox.id}/deliveries?page=0`);
    assert.equal(bad.statusCode, 422, bad.body);
    assert.match(bad.body, /page/);
  });

  it('tracks an agent bot failing (its conversation goes to people), tells the administrators once after 24 h, and lists its deliveries', async () => {
    const target = await downReceiver();
    const admin = await buildAdmin(db, t.deps.env);
    const api = (method: string, path: string, body?: unknown, token = admin.token) =>
      t.request(method, `/api/v1/accounts/${admin.account.id}${path}`, { token, body });
    const { bot } = await buildAgentBot(db, t.deps.env, { account: admin.account, bot: { name: 'Triage', outgoing_url: target.url('/bot') } });
    const inbox = (await api('POST', '/inboxes', { name: 'Chat', channel: { type: 'api' } })).json() as { id: number };
    assert.equal((await api('POST', `/inboxes/${inbox.id}/set_agent_bot`, { agent_bot: bot.id })).statusCode, 200);
    const contact = await buildContact(db, { account: admin.account });
    const inboxRow = await db.selectFrom('inboxes').selectAll().where('id', '=', inbox.id).executeTakeFirstOrThrow();
    const contactInbox = await buildContactInbox(db, { contact, inbox: inboxRow });
    const conversation = await api('POST', '/conversations', { inbox_id: inbox.id, contact_id: contact.id, source_id: contactInbox.source_id });
    assert.equal(conversation.statusCode, 200, conversation.body);
    assert.equal(conversation.json().status, 'pending', 'a bot inbox starts conversations pending');
    const displayId = conversation.json().id as number;
    const say = async (content: string) => assert.equal((await api('POST', `/conversations/${displayId}/messages`, { content, message_type: 'incoming' })).statusCode, 200);

    await say('hello bot');
    await t.settle();
    const row = await db.selectFrom('agent_bots').select(['failing_since', 'failing_notified_at']).where('id', '=', bot.id).executeTakeFirstOrThrow();
    assert.notEqual(row.failing_since, null);
    assert.equal((await api('GET', `/conversations/${displayId}`)).json().status, 'open', 'handed to people, as Chatwoot');
    const log = await api('GET', `/agent_bots/${bot.id}/deliveries`);
    assert.equal(log.statusCode, 200, log.body);
    assert.notEqual(log.json().meta.failing_since, null);
    assert.ok((log.json().payload.deliveries as LoggedDelivery[]).some((x) => x.event === 'message_created' && x.status === 'dead' && x.last_error));

    advanceClock(24 * HOUR + 60_000);
    await say('still there?');
    await t.settle();
    const mail = await smtp.waitFor(admin.user.email, (m) => /Agent bot failing/.test(m.raw));
    assert.match(decodeQuotedPrintable(mail.raw).replace(/\s+/g, ' '), /agent bot "Triage"/);
    await say('and again');
    await t.settle();
    assert.equal(mailsTo(admin.user.email, /Agent bot failing/).length, 1, 'one mail per failure streak');

    const agent = await buildAgent(db, t.deps.env, { account: admin.account });
    assert.equal((await api('GET', `/agent_bots/${bot.id}/deliveries`, undefined, agent.token)).statusCode, 401);
    const other = await buildAdmin(db, t.deps.env);
    assert.equal((await t.request('GET', `/api/v1/accounts/${other.account.id}/agent_bots/${bot.id}/deliveries`, { token: other.token })).statusCode, 404);
  });
});
