import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTestApp } from '../../test/harness.js';

const json = (body: Record<string, unknown>) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('first-run onboarding', async () => {
  const t = await buildTestApp();

  it('leads / to the dashboard, which learns that onboarding is needed', async () => {
    const root = await t.request('GET', '/');
    assert.equal(root.statusCode, 302);
    assert.equal(root.headers.location, '/app/');
    const status = await t.request('GET', '/onboarding');
    assert.equal(status.statusCode, 200);
    assert.deepEqual(status.json(), { needs_onboarding: true });
  });

  it('refuses a bad email with a 422 naming it, creating nothing', async () => {
    const res = await t.request('POST', '/onboarding', json({ account_name: 'Acme', name: 'Ada', email: 'not-an-email', password: 'secret123' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.json().message, /Email is invalid/);
    const users = await t.deps.db.kysely.selectFrom('users').select('id').execute();
    const accounts = await t.deps.db.kysely.selectFrom('accounts').select('id').execute();
    assert.equal(users.length + accounts.length, 0);
  });

  it('refuses a missing field with a 422 naming it', async () => {
    const res = await t.request('POST', '/onboarding', json({ account_name: 'Acme', name: 'Ada', email: 'ada@acme.test' }));
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json().attributes, ['password']);
    const blank = await t.request('POST', '/onboarding', json({ account_name: '', name: 'Ada', email: 'ada@acme.test', password: 'secret123' }));
    assert.equal(blank.statusCode, 422);
    assert.deepEqual(blank.json().attributes, ['account_name']);
  });

  it('creates the account and administrator, whose token then works', async () => {
    const res = await t.request('POST', '/onboarding', json({ account_name: 'Acme', name: 'Ada', email: 'ada@acme.test', password: 'secret123' }));
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), ['account_id', 'user_id', 'email', 'access_token']);
    const profile = await t.request('GET', '/api/v1/profile', { token: body.access_token });
    assert.equal(profile.statusCode, 200);
    assert.equal(profile.json().role, 'administrator');
    assert.equal(profile.json().accounts[0].name, 'Acme');
    assert.equal(profile.json().accounts[0].id, body.account_id);
  });

  it('closes once set up', async () => {
    const status = await t.request('GET', '/onboarding');
    assert.deepEqual(status.json(), { needs_onboarding: false });
    const again = await t.request('POST', '/onboarding', json({ account_name: 'Evil', name: 'Eve', email: 'eve@evil.test', password: 'secret123' }));
    assert.equal(again.statusCode, 403);
    assert.match(again.json().error, /already set up/);
    const users = await t.deps.db.kysely.selectFrom('users').select('email').execute();
    assert.deepEqual(users.map((u) => u.email), ['ada@acme.test']);
  });
});
