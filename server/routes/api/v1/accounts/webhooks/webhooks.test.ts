import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAccount, buildAdmin, buildAgent, buildAgentBot, buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

const KEYS = ['id', 'name', 'url', 'account_id', 'subscriptions', 'secret'];
const EXTRA_KEYS = ['status', 'disabled_at', 'previous_secret_expires_at'];

describe('/api/v1/accounts/:account_id/webhooks', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, id?: number) => `/api/v1/accounts/${accountId}/webhooks${id === undefined ? '' : `/${id}`}`;

  async function adminWithWebhook(hookUrl = 'https://hooks.example.com/in') {
    const admin = await buildAdmin(db, t.deps.env);
    const res = await t.request('POST', url(admin.account.id), { token: admin.token, body: { webhook: { url: hookUrl, subscriptions: ['message_created'], name: 'Main' } } });
    assert.equal(res.statusCode, 200, res.body);
    return { ...admin, webhook: res.json().payload.webhook as { id: number; secret: string } };
  }

  it('answers 401 without a token, with a wrong token, and for bots', async () => {
    const account = await buildAccount(db);
    const none = await t.request('GET', url(account.id));
    assert.equal(none.statusCode, 401);
    assert.deepEqual(none.json(), { errors: ['You need to sign in or sign up before continuing.'] });
    assert.deepEqual((await t.request('GET', url(account.id), { token: 'nope' })).json(), { error: 'Invalid Access Token' });
    const { token } = await buildAgentBot(db, t.deps.env, { account });
    assert.equal((await t.request('GET', url(account.id), { token })).statusCode, 401);
  });

  it('creates a webhook with a generated secret, wrapped or flat, with its inbox', async () => {
    const { account, token, webhook } = await adminWithWebhook();
    assert.ok(webhook.secret.length >= 20);
    const { inbox } = await buildInbox(db, { account });
    const flat = await t.request('POST', url(account.id), {
      token, body: { url: 'http://other.example.com/x', subscriptions: ['conversation_created', 'contact_updated'], inbox_id: inbox.id },
    });
    assert.equal(flat.statusCode, 200, flat.body);
    const body = flat.json().payload.webhook;
    assert.deepEqual(Object.keys(body), [...KEYS, ...EXTRA_KEYS, 'inbox']);
    assert.deepEqual({ ...body, id: 0, secret: '' }, {
      id: 0, name: null, url: 'http://other.example.com/x', account_id: account.id,
      subscriptions: ['conversation_created', 'contact_updated'], secret: '', inbox: { id: inbox.id, name: inbox.name },
      status: 'enabled', disabled_at: null, previous_secret_expires_at: null,
    });
    const list = await t.request('GET', url(account.id), { token });
    assert.equal(list.statusCode, 200);
    const hooks = list.json().payload.webhooks as Array<Record<string, unknown>>;
    assert.deepEqual(hooks.map((h) => h.url), ['https://hooks.example.com/in', 'http://other.example.com/x']);
    assert.deepEqual(Object.keys(hooks[0]), [...KEYS, ...EXTRA_KEYS]);
    assert.deepEqual(hooks[0], {
      id: webhook.id, name: 'Main', url: 'https://hooks.example.com/in', account_id: account.id, subscriptions: ['message_created'], secret: webhook.secret,
      status: 'enabled', disabled_at: null, previous_secret_expires_at: null,
    });
  });

  it('refuses bad input with 422 naming the fields, and a url taken in the account', async () => {
    const { account, token } = await adminWithWebhook('https://taken.example.com');
    const cases: Array<[unknown, string[], string]> = [
      [{ url: 'ftp://x.example.com', subscriptions: ['message_created'] }, ['url'], 'Url is invalid'],
      [{ url: 'https://ok.example.com', subscriptions: [] }, ['subscriptions'], 'Subscriptions Invalid events'],
      [{ url: 'https://ok.example.com', subscriptions: ['message_created', 'nope'] }, ['subscriptions'], 'Subscriptions Invalid events'],
      [{ url: 'https://taken.example.com', subscriptions: ['message_created'] }, ['url'], 'Url has already been taken'],
      [{ url: 'not a url' }, ['url', 'subscriptions'], 'Url is invalid, Subscriptions Invalid events'],
    ];
    for (const [body, attributes, message] of cases) {
      const res = await t.request('POST', url(account.id), { token, body });
      assert.equal(res.statusCode, 422, JSON.stringify(body));
      assert.deepEqual(res.json(), { message, attributes });
    }
    const missing = await t.request('POST', url(account.id), { token, body: {} });
    assert.deepEqual(missing.json(), { error: 'param is missing or the value is empty: webhook' });
    const wrongType = await t.request('POST', url(account.id), { token, body: { url: 'https://x.example.com', subscriptions: 'message_created' } });
    assert.equal(wrongType.statusCode, 200, 'a single string is taken as a one-item list');
    const otherInbox = await buildInbox(db, { account: await buildAccount(db) });
    const foreign = await t.request('POST', url(account.id), { token, body: { url: 'https://y.example.com', subscriptions: ['message_created'], inbox_id: otherInbox.inbox.id } });
    assert.equal(foreign.statusCode, 422);
    assert.deepEqual(foreign.json().attributes, ['inbox']);
    const sameUrlElsewhere = await adminWithWebhook('https://taken.example.com');
    assert.ok(sameUrlElsewhere.webhook.id > 0, 'the same url in another account is fine');
  });

  it('updates and deletes; agents get 401; other accounts 404', async () => {
    const { account, token, webhook } = await adminWithWebhook();
    const agent = await buildAgent(db, t.deps.env, { account });
    for (const [method, path] of [['GET', url(account.id)], ['POST', url(account.id)], ['PATCH', url(account.id, webhook.id)], ['DELETE', url(account.id, webhook.id)]] as const) {
      const res = await t.request(method, path, { token: agent.token, body: { url: 'https://a.example.com', subscriptions: ['message_created'] } });
      assert.equal(res.statusCode, 401, `${method} ${path}`);
      assert.deepEqual(res.json(), { error: 'You are not authorized to do this action' });
    }
    const other = await buildAdmin(db, t.deps.env);
    assert.equal((await t.request('PATCH', url(other.account.id, webhook.id), { token: other.token, body: { name: 'x' } })).statusCode, 404);
    assert.equal((await t.request('DELETE', url(other.account.id, webhook.id), { token: other.token })).statusCode, 404);
    const updated = await t.request('PUT', url(account.id, webhook.id), { token, body: { webhook: { name: 'Renamed', subscriptions: ['contact_created'] } } });
    assert.equal(updated.statusCode, 200, updated.body);
    assert.deepEqual(updated.json(), { payload: { webhook: {
      id: webhook.id, name: 'Renamed', url: 'https://hooks.example.com/in', account_id: account.id, subscriptions: ['contact_created'], secret: webhook.secret,
      status: 'enabled', disabled_at: null, previous_secret_expires_at: null,
    } } });
    const bad = await t.request('PATCH', url(account.id, webhook.id), { token, body: { subscriptions: [] } });
    assert.equal(bad.statusCode, 422);
    const deleted = await t.request('DELETE', url(account.id, webhook.id), { token });
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.body, '');
    assert.deepEqual((await t.request('GET', url(account.id), { token })).json(), { payload: { webhooks: [] } });
    assert.equal((await t.request('DELETE', url(account.id, webhook.id), { token })).statusCode, 404);
  });
});
