import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digest } from '../../../../lib/tokens.js';
import { buildAdmin, buildPlatformApp } from '../../../../test/factories.js';
import { buildTestApp } from '../../../../test/harness.js';

const BOT_KEYS = ['id', 'name', 'description', 'outgoing_url', 'account_id', 'access_token'];
const NON_PERMISSIBLE = { error: 'Non permissible resource' };

describe('/platform/api/v1/agent_bots', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  it('answers 401 without a token and with a wrong token', async () => {
    const none = await t.request('GET', '/platform/api/v1/agent_bots');
    assert.equal(none.statusCode, 401);
    const wrong = await t.request('POST', '/platform/api/v1/agent_bots', { token: 'nope', body: { name: 'x' } });
    assert.deepEqual(wrong.json(), { error: 'Invalid access_token' });
  });

  it('creates a global bot with an access token and lists only the app’s bots', async () => {
    const a = await buildPlatformApp(db, env);
    const b = await buildPlatformApp(db, env);
    const res = await t.request('POST', '/platform/api/v1/agent_bots', {
      token: a.token, body: { name: 'Helper', description: 'Answers FAQs', outgoing_url: 'https://bot.example.com/events' },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), BOT_KEYS);
    assert.deepEqual({ ...body, access_token: '' }, {
      id: body.id, name: 'Helper', description: 'Answers FAQs', outgoing_url: 'https://bot.example.com/events', account_id: null, access_token: '',
    });
    const stored = await db.selectFrom('access_tokens').selectAll().where('owner_type', '=', 'AgentBot').where('owner_id', '=', body.id).executeTakeFirstOrThrow();
    assert.equal(stored.token_digest, digest(body.access_token));
    await t.request('POST', '/platform/api/v1/agent_bots', { token: b.token, body: { name: 'Theirs' } });
    const list = await t.request('GET', '/platform/api/v1/agent_bots', { token: a.token });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json(), [body]);
  });

  it('gives a bot an account only when the account is the app’s own', async () => {
    const app = await buildPlatformApp(db, env);
    const account = (await t.request('POST', '/platform/api/v1/accounts', { token: app.token, body: { name: 'Acme' } })).json();
    const foreign = await buildAdmin(db, env);
    const ok = await t.request('POST', '/platform/api/v1/agent_bots', { token: app.token, body: { name: 'Scoped', account_id: account.id } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().account_id, account.id);
    const denied = await t.request('POST', '/platform/api/v1/agent_bots', { token: app.token, body: { name: 'Sneaky', account_id: foreign.account.id } });
    assert.equal(denied.statusCode, 401);
    assert.deepEqual(denied.json(), NON_PERMISSIBLE);
    const missing = await t.request('POST', '/platform/api/v1/agent_bots', { token: app.token, body: { name: 'Lost', account_id: 999999 } });
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(missing.json(), { message: 'Account must exist', attributes: ['account_id'] });
  });

  it('names the field on bad input', async () => {
    const app = await buildPlatformApp(db, env);
    const cases: Array<[unknown, string]> = [
      [{}, 'name'], [{ name: '  ' }, 'name'], [{ name: 'x', outgoing_url: 'ftp://bot.example.com' }, 'outgoing_url'],
      [{ name: 'x', account_id: 'abc' }, 'account_id'], [{ name: 'x', account_id: 99999999999 }, 'account_id'], [{ name: 'x'.repeat(300) }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await t.request('POST', '/platform/api/v1/agent_bots', { token: app.token, body });
      assert.equal(res.statusCode, 422, JSON.stringify(body));
      assert.ok(res.json().attributes.includes(field), JSON.stringify(res.json()));
    }
    assert.deepEqual((await t.request('GET', '/platform/api/v1/agent_bots', { token: app.token })).json(), []);
  });

  it('shows, updates and deletes only the app’s bots', async () => {
    const a = await buildPlatformApp(db, env);
    const b = await buildPlatformApp(db, env);
    const created = (await t.request('POST', '/platform/api/v1/agent_bots', { token: a.token, body: { name: 'Mine' } })).json();
    const url = `/platform/api/v1/agent_bots/${created.id}`;
    for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'X' }], ['DELETE', undefined]] as const) {
      const res = await t.request(method, url, { token: b.token, body });
      assert.equal(res.statusCode, 401, method);
      assert.deepEqual(res.json(), NON_PERMISSIBLE);
    }
    assert.equal((await t.request('GET', '/platform/api/v1/agent_bots/999999', { token: a.token })).statusCode, 404);
    assert.deepEqual((await t.request('GET', url, { token: a.token })).json(), created);
    const updated = await t.request('PATCH', url, { token: a.token, body: { name: 'test123', outgoing_url: 'http://bot.example.com/hook', description: null } });
    assert.equal(updated.statusCode, 200);
    assert.deepEqual(updated.json(), { ...created, name: 'test123', outgoing_url: 'http://bot.example.com/hook' });
    const deleted = await t.request('DELETE', url, { token: a.token });
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.body, '');
    assert.equal(await db.selectFrom('agent_bots').select('id').where('id', '=', created.id).executeTakeFirst(), undefined);
    assert.equal(await db.selectFrom('access_tokens').select('id').where('owner_type', '=', 'AgentBot').where('owner_id', '=', created.id).executeTakeFirst(), undefined);
    assert.equal((await t.request('GET', url, { token: a.token })).statusCode, 404);
  });
});
