import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { advanceClock, resetClock } from '../../../../../lib/clock.js';
import { buildAdmin, buildAgent, buildContact, buildContactInbox, buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { previousSignatureValid, signatureValid, startReceiver } from '../../../../../test/receiver.js';

const HOUR = 3_600_000;

describe('POST /inboxes/:id/reset_secret', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const receiver = await startReceiver();

  afterEach(() => resetClock());

  it('gives the API channel a new secret, signs callbacks with both during the window, as Chatwoot answers the inbox', async () => {
    const admin = await buildAdmin(db, t.deps.env);
    const { inbox, channel } = await buildInbox(db, { account: admin.account, channel: { webhook_url: receiver.url('/api-inbox') } });
    const res = await t.request('POST', `/api/v1/accounts/${admin.account.id}/inboxes/${inbox.id}/reset_secret`, { token: admin.token });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.id, inbox.id);
    assert.equal(body.channel_type, 'Channel::Api');
    assert.equal(typeof body.secret, 'string');
    assert.notEqual(body.secret, channel.secret);
    const shown = (await t.request('GET', `/api/v1/accounts/${admin.account.id}/inboxes/${inbox.id}`, { token: admin.token })).json();
    assert.equal(shown.secret, body.secret);

    const contact = await buildContact(db, { account: admin.account });
    const contactInbox = await buildContactInbox(db, { contact, inbox });
    const conv = await t.request('POST', `/api/v1/accounts/${admin.account.id}/conversations`, {
      token: admin.token, body: { inbox_id: inbox.id, contact_id: contact.id, source_id: contactInbox.source_id },
    });
    const displayId = conv.json().id;
    await t.request('POST', `/api/v1/accounts/${admin.account.id}/conversations/${displayId}/messages`, { token: admin.token, body: { content: 'reply' } });
    await t.settle();
    const [got] = receiver.at('/api-inbox', 'message_created');
    assert.ok(got, 'the API inbox callback was delivered');
    assert.equal(signatureValid(got, body.secret), true);
    assert.equal(previousSignatureValid(got, channel.secret), true);

    advanceClock(24 * HOUR + 1000);
    await t.request('POST', `/api/v1/accounts/${admin.account.id}/conversations/${displayId}/messages`, { token: admin.token, body: { content: 'later' } });
    await t.settle();
    const later = receiver.at('/api-inbox', 'message_created').find((r) => r.body.content === 'later');
    assert.ok(later);
    assert.equal(signatureValid(later, body.secret), true);
    assert.equal(later.headers['x-chatwoot-signature-previous'], undefined);
  });

  it('answers 401 to agents, 404 across accounts and for inboxes that are not API channels', async () => {
    const admin = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account: admin.account });
    const agent = await buildAgent(db, t.deps.env, { account: admin.account });
    const path = (accountId: number, id: number) => `/api/v1/accounts/${accountId}/inboxes/${id}/reset_secret`;
    assert.equal((await t.request('POST', path(admin.account.id, inbox.id), { token: agent.token })).statusCode, 401);
    const other = await buildAdmin(db, t.deps.env);
    assert.equal((await t.request('POST', path(other.account.id, inbox.id), { token: other.token })).statusCode, 404);
    assert.equal((await t.request('POST', path(admin.account.id, 999_999), { token: admin.token })).statusCode, 404);
    const { inbox: web } = await buildInbox(db, { account: admin.account, inbox: { channel_type: 'Channel::WebWidget' } });
    assert.equal((await t.request('POST', path(admin.account.id, web.id), { token: admin.token })).statusCode, 404);
  });
});
