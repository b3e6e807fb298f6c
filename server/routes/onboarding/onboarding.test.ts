import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTestApp } from '../../test/harness.js';

const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe('first-run onboarding', async () => {
  const t = await buildTestApp();

  it('shows the form while no user exists', async () => {
    const res = await t.request('GET', '/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /<form method="post" action="\/onboarding">/);
  });

  it('re-shows the form with the error for a bad email, creating nothing', async () => {
    const res = await t.request('POST', '/onboarding', form({ account_name: 'Acme', name: 'Ada', email: 'not-an-email', password: 'secret123' }));
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Email is invalid/);
    assert.match(res.body, /value="Acme"/);
    const users = await t.deps.db.kysely.selectFrom('users').select('id').execute();
    const accounts = await t.deps.db.kysely.selectFrom('accounts').select('id').execute();
    assert.equal(users.length + accounts.length, 0);
  });

  it('creates the account and administrator, whose token then works', async () => {
    const res = await t.request('POST', '/onboarding', form({ account_name: 'Acme', name: 'Ada', email: 'ada@acme.test', password: 'secret123' }));
    assert.equal(res.statusCode, 200);
    const token = /<code>([A-Za-z0-9_-]{20,})<\/code>/.exec(res.body)?.[1];
    assert.ok(token, 'the page shows the access token');
    const profile = await t.request('GET', '/api/v1/profile', { token });
    assert.equal(profile.statusCode, 200);
    assert.equal(profile.json().role, 'administrator');
    assert.equal(profile.json().accounts[0].name, 'Acme');
  });

  it('closes once set up', async () => {
    const page = await t.request('GET', '/');
    assert.doesNotMatch(page.body, /<form/);
    const again = await t.request('POST', '/onboarding', form({ account_name: 'Evil', name: 'Eve', email: 'eve@evil.test', password: 'secret123' }));
    assert.equal(again.statusCode, 403);
    const users = await t.deps.db.kysely.selectFrom('users').select('email').execute();
    assert.deepEqual(users.map((u) => u.email), ['ada@acme.test']);
  });
});
