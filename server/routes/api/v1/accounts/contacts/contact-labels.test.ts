import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAccount, buildAgent, buildAgentBot, buildContact } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('/api/v1/accounts/:account_id/contacts/:id/labels', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, contactId: number) => `/api/v1/accounts/${accountId}/contacts/${contactId}/labels`;

  it('answers 401 without a token, with a wrong token, and for agent bots', async () => {
    const account = await buildAccount(db);
    const contact = await buildContact(db, { account });
    for (const method of ['GET', 'POST']) {
      assert.deepEqual((await t.request(method, url(account.id, contact.id), { body: { labels: ['a1'] } })).json(), { errors: ['You need to sign in or sign up before continuing.'] });
      assert.deepEqual((await t.request(method, url(account.id, contact.id), { token: 'nope', body: { labels: ['a1'] } })).json(), { error: 'Invalid Access Token' });
    }
    const { token } = await buildAgentBot(db, t.deps.env, { account });
    const bot = await t.request('POST', url(account.id, contact.id), { token, body: { labels: ['a1'] } });
    assert.equal(bot.statusCode, 401);
    assert.deepEqual(bot.json(), { error: 'Access to this endpoint is not authorized for bots' });
  });

  it('replaces the label set, lists it, and records contact.updated', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const contact = await buildContact(db, { account });
    assert.deepEqual((await t.request('GET', url(account.id, contact.id), { token })).json(), { payload: [] });
    const first = await t.request('POST', url(account.id, contact.id), { token, body: { labels: ['label3', 'label4', 'label3', ' '] } });
    assert.equal(first.statusCode, 200);
    assert.deepEqual(first.json(), { payload: ['label3', 'label4'] });
    const second = await t.request('POST', url(account.id, contact.id), { token, body: { labels: ['label5', 'label4'] } });
    assert.deepEqual(second.json(), { payload: ['label4', 'label5'] });
    assert.deepEqual((await t.request('GET', url(account.id, contact.id), { token })).json(), { payload: ['label4', 'label5'] });
    const cleared = await t.request('POST', url(account.id, contact.id), { token, body: { labels: [] } });
    assert.deepEqual(cleared.json(), { payload: [] });
    await t.deps.dispatcher.drain();
    const events = t.events.of(account.id, 'contact.updated');
    assert.equal(events.length, 3);
    assert.deepEqual(events.map((event) => event.changes?.label_list), [[[], ['label3', 'label4']], [['label3', 'label4'], ['label4', 'label5']], [['label4', 'label5'], []]]);
    assert.ok(events.every((event) => event.contactId === contact.id && event.changes?.updated_at));
    const row = await db.selectFrom('contacts').select('updated_at').where('id', '=', contact.id).executeTakeFirstOrThrow();
    assert.ok(row.updated_at >= contact.updated_at);
  });

  it('keeps labels apart per contact and per account', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const one = await buildContact(db, { account });
    const two = await buildContact(db, { account });
    await t.request('POST', url(account.id, one.id), { token, body: { labels: ['shared', 'only-one'] } });
    await t.request('POST', url(account.id, two.id), { token, body: { labels: ['shared'] } });
    assert.deepEqual((await t.request('GET', url(account.id, two.id), { token })).json(), { payload: ['shared'] });
    const stranger = await buildAgent(db, t.deps.env);
    const get = await t.request('GET', url(stranger.account.id, one.id), { token: stranger.token });
    assert.equal(get.statusCode, 404);
    assert.deepEqual(get.json(), { error: 'Resource could not be found' });
    const post = await t.request('POST', url(stranger.account.id, one.id), { token: stranger.token, body: { labels: ['stolen'] } });
    assert.equal(post.statusCode, 404);
    assert.deepEqual((await t.request('GET', url(account.id, one.id), { token })).json(), { payload: ['shared', 'only-one'] });
  });

  it('names the field on bad input and keeps the set', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const contact = await buildContact(db, { account });
    await t.request('POST', url(account.id, contact.id), { token, body: { labels: ['kept'] } });
    const long = await t.request('POST', url(account.id, contact.id), { token, body: { labels: ['x'.repeat(256)] } });
    assert.equal(long.statusCode, 422);
    assert.deepEqual(long.json().attributes, ['labels.0']);
    const many = await t.request('POST', url(account.id, contact.id), { token, body: { labels: Array.from({ length: 101 }, (_, i) => `l${i}`) } });
    assert.deepEqual(many.json().attributes, ['labels']);
    const objects = await t.request('POST', url(account.id, contact.id), { token, body: { labels: [{ title: 'x' }] } });
    assert.equal(objects.statusCode, 422);
    assert.deepEqual((await t.request('GET', url(account.id, contact.id), { token })).json(), { payload: ['kept'] });
  });
});
