import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAgent, buildAgentBot } from '../../../../test/factories.js';
import { buildTestApp } from '../../../../test/harness.js';

describe('POST /api/v1/profile/reset_access_token', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = '/api/v1/profile/reset_access_token';

  it('answers 401 without a token, with a wrong one, and for an agent bot', async () => {
    assert.equal((await t.request('POST', url)).statusCode, 401);
    assert.equal((await t.request('POST', url, { token: 'nope' })).statusCode, 401);
    const { token } = await buildAgentBot(db, t.deps.env);
    assert.equal((await t.request('POST', url, { token })).statusCode, 401);
  });

  it('gives the user a new access token, shown in the profile; the old one stops working', async () => {
    const { token, user } = await buildAgent(db, t.deps.env);
    const res = await t.request('POST', url, { token });
    assert.equal(res.statusCode, 200, res.body);
    const fresh = res.json().access_token as string;
    assert.equal(res.json().id, user.id);
    assert.notEqual(fresh, token);
    assert.ok(fresh.length >= 20);
    assert.equal((await t.request('GET', '/api/v1/profile', { token })).statusCode, 401);
    const profile = await t.request('GET', '/api/v1/profile', { token: fresh });
    assert.equal(profile.statusCode, 200);
    assert.equal(profile.json().access_token, fresh);
    const tokens = await db.selectFrom('access_tokens').select('id').where('owner_type', '=', 'User').where('owner_id', '=', user.id).execute();
    assert.equal(tokens.length, 1);
  });
});
