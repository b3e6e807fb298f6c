import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAccount, buildAdmin, buildAgent, buildAgentBot } from '../../../../test/factories.js';
import { buildTestApp } from '../../../../test/harness.js';

describe('GET/PATCH /api/v1/accounts/:account_id', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  it('answers 401 without a token, with a wrong token, and for a non-member', async () => {
    const { account } = await buildAdmin(db, t.deps.env);
    const none = await t.request('GET', `/api/v1/accounts/${account.id}`);
    assert.equal(none.statusCode, 401);
    assert.deepEqual(none.json(), { errors: ['You need to sign in or sign up before continuing.'] });
    const wrong = await t.request('GET', `/api/v1/accounts/${account.id}`, { token: 'nope' });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), { error: 'Invalid Access Token' });
    const other = await buildAdmin(db, t.deps.env);
    const stranger = await t.request('GET', `/api/v1/accounts/${account.id}`, { token: other.token });
    assert.equal(stranger.statusCode, 401);
    assert.deepEqual(stranger.json(), { error: 'You are not authorized to access this account' });
  });

  it('answers 404 for an account that does not exist', async () => {
    const { token } = await buildAdmin(db, t.deps.env);
    const res = await t.request('GET', '/api/v1/accounts/999999', { token });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { error: 'Resource could not be found' });
  });

  it('shows the account in Chatwoot shape', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const res = await t.request('GET', `/api/v1/accounts/${account.id}`, { token });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), ['settings', 'created_at', 'domain', 'features', 'id', 'locale', 'name', 'support_email', 'status', 'cache_keys', 'latest_chatwoot_version']);
    assert.equal(body.id, account.id);
    assert.equal(body.name, account.name);
    assert.equal(body.status, 'active');
    assert.match(body.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('lets an administrator update it and refuses an agent with 401', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const agent = await buildAgent(db, t.deps.env, { account });
    const denied = await t.request('PATCH', `/api/v1/accounts/${account.id}`, { token: agent.token, body: { name: 'X' } });
    assert.equal(denied.statusCode, 401);
    assert.deepEqual(denied.json(), { error: 'You are not authorized to do this action' });
    const res = await t.request('PATCH', `/api/v1/accounts/${account.id}`, {
      token, body: { name: 'Acme Support', support_email: 'help@acme.test', auto_resolve_after: 60, custom_attributes: { industry: 'retail' } },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().name, 'Acme Support');
    assert.equal(res.json().support_email, 'help@acme.test');
    assert.equal(res.json().settings.auto_resolve_after, 60);
    assert.deepEqual(res.json().custom_attributes, { industry: 'retail' });
  });

  it('names the field on bad input and keeps the row unchanged', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const long = await t.request('PATCH', `/api/v1/accounts/${account.id}`, { token, body: { name: 'x'.repeat(300) } });
    assert.equal(long.statusCode, 422);
    assert.deepEqual(long.json().attributes, ['name']);
    const badType = await t.request('PATCH', `/api/v1/accounts/${account.id}`, { token, body: { auto_resolve_after: 'soon' } });
    assert.equal(badType.statusCode, 422);
    assert.deepEqual(badType.json().attributes, ['auto_resolve_after']);
    const malformed = await t.request('PATCH', `/api/v1/accounts/${account.id}`, {
      token, body: '{"name":', headers: { 'content-type': 'application/json' },
    });
    assert.equal(malformed.statusCode, 400);
    const after = await t.request('GET', `/api/v1/accounts/${account.id}`, { token });
    assert.equal(after.json().name, account.name);
  });

  it('refuses bots on routes outside their allow-list', async () => {
    const account = await buildAccount(db);
    const { token } = await buildAgentBot(db, t.deps.env, { account });
    const res = await t.request('GET', `/api/v1/accounts/${account.id}`, { token });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(res.json(), { error: 'Access to this endpoint is not authorized for bots' });
  });

  it('answers 401 for a suspended account', async () => {
    const account = await buildAccount(db, { status: 1 });
    const { token } = await buildAdmin(db, t.deps.env, account);
    const res = await t.request('GET', `/api/v1/accounts/${account.id}`, { token });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(res.json(), { error: 'Account is suspended' });
  });
});

describe('ids too large for an integer column', async () => {
  const t = await buildTestApp();

  it('answer 404 (or 422 naming the id), never 500, on both engines', async () => {
    const { account, token } = await buildAdmin(t.deps.db.kysely, t.deps.env);
    const hugeAccount = await t.request('GET', '/api/v1/accounts/99999999999', { token });
    assert.equal(hugeAccount.statusCode, 404);
    const hugeContact = await t.request('GET', `/api/v1/accounts/${account.id}/contacts/99999999999`, { token });
    assert.ok([404, 422].includes(hugeContact.statusCode), `contact: ${hugeContact.statusCode}`);
    const hugeConversation = await t.request('GET', `/api/v1/accounts/${account.id}/conversations/99999999999`, { token });
    assert.ok([404, 422].includes(hugeConversation.statusCode), `conversation: ${hugeConversation.statusCode}`);
  });
});
