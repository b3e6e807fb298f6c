import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdmin, buildAgent } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

const ROLE_KEYS = ['id', 'name', 'description', 'permissions', 'created_at', 'updated_at'];

describe('/api/v1/accounts/:account_id/custom_roles', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  it('answers 401 without a token and to agents', async () => {
    const { account } = await buildAdmin(db, env);
    const agent = await buildAgent(db, env, { account });
    assert.equal((await t.request('GET', `/api/v1/accounts/${account.id}/custom_roles`)).statusCode, 401);
    const res = await t.request('POST', `/api/v1/accounts/${account.id}/custom_roles`, { token: agent.token, body: { name: 'x' } });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(res.json(), { error: 'You are not authorized to do this action' });
  });

  it('creates, lists, shows, updates and deletes a custom role', async () => {
    const { account, token } = await buildAdmin(db, env);
    const base = `/api/v1/accounts/${account.id}/custom_roles`;
    const created = await t.request('POST', base, {
      token, body: { custom_role: { name: ' Support lead ', description: 'Triage', permissions: ['conversation_unassigned_manage', 'contact_manage'] } },
    });
    assert.equal(created.statusCode, 200, created.body);
    const role = created.json();
    assert.deepEqual(Object.keys(role), ROLE_KEYS);
    assert.equal(role.name, 'Support lead');
    assert.deepEqual(role.permissions, ['conversation_unassigned_manage', 'contact_manage']);
    assert.match(role.created_at, /^\d{4}-\d\d-\d\dT/);
    const list = await t.request('GET', base, { token });
    assert.deepEqual(list.json().map((r: { id: number }) => r.id), [role.id]);
    assert.equal((await t.request('GET', `${base}/${role.id}`, { token })).json().name, 'Support lead');
    const updated = await t.request('PATCH', `${base}/${role.id}`, { token, body: { permissions: ['conversation_manage'] } });
    assert.equal(updated.statusCode, 200);
    assert.deepEqual(updated.json().permissions, ['conversation_manage']);
    assert.equal(updated.json().description, 'Triage');
    const removed = await t.request('DELETE', `${base}/${role.id}`, { token });
    assert.equal(removed.statusCode, 200);
    assert.equal((await t.request('GET', `${base}/${role.id}`, { token })).statusCode, 404);
  });

  it('names the field on bad input and writes nothing', async () => {
    const { account, token } = await buildAdmin(db, env);
    const base = `/api/v1/accounts/${account.id}/custom_roles`;
    const cases: Array<[unknown, string]> = [
      [{ permissions: ['contact_manage'] }, 'name'],
      [{ name: '  ' }, 'name'],
      [{ name: 'x', permissions: ['root'] }, 'permissions'],
      [{ name: 'x'.repeat(300) }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await t.request('POST', base, { token, body });
      assert.equal(res.statusCode, 422, JSON.stringify(body));
      assert.ok(res.json().attributes.includes(field), JSON.stringify(res.json()));
    }
    const empty = await t.request('POST', base, { token });
    assert.equal(empty.statusCode, 422);
    assert.equal((await db.selectFrom('custom_roles').select('id').where('account_id', '=', account.id).execute()).length, 0);
  });

  it('answers 404 for another account’s role', async () => {
    const mine = await buildAdmin(db, env);
    const theirs = await buildAdmin(db, env);
    const role = (await t.request('POST', `/api/v1/accounts/${theirs.account.id}/custom_roles`, { token: theirs.token, body: { name: 'theirs' } })).json();
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const res = await t.request(method, `/api/v1/accounts/${mine.account.id}/custom_roles/${role.id}`, { token: mine.token, body: method === 'PATCH' ? { name: 'x' } : undefined });
      assert.equal(res.statusCode, 404, method);
    }
  });

  it('is assigned to agents; they carry its permissions until it is deleted', async () => {
    const { account, token } = await buildAdmin(db, env);
    const agent = await buildAgent(db, env, { account });
    const role = (await t.request('POST', `/api/v1/accounts/${account.id}/custom_roles`, { token, body: { name: 'Reports', permissions: ['report_manage'] } })).json();
    const assigned = await t.request('PATCH', `/api/v1/accounts/${account.id}/agents/${agent.user.id}`, { token, body: { custom_role_id: role.id } });
    assert.equal(assigned.statusCode, 200);
    assert.equal(assigned.json().custom_role_id, role.id);
    assert.equal(assigned.json().role, 'agent');
    const profile = (await t.request('GET', '/api/v1/profile', { token: agent.token })).json();
    const membership = profile.accounts.find((a: { id: number }) => a.id === account.id);
    assert.deepEqual(membership.permissions, ['report_manage', 'custom_role']);
    assert.equal(membership.custom_role_id, role.id);
    assert.deepEqual(membership.custom_role, { id: role.id, name: 'Reports', description: null, permissions: ['report_manage'] });

    const other = await buildAdmin(db, env);
    const foreign = (await t.request('POST', `/api/v1/accounts/${other.account.id}/custom_roles`, { token: other.token, body: { name: 'f' } })).json();
    const bad = await t.request('PATCH', `/api/v1/accounts/${account.id}/agents/${agent.user.id}`, { token, body: { custom_role_id: foreign.id } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['custom_role_id']);
    const invited = await t.request('POST', `/api/v1/accounts/${account.id}/agents`, { token, body: { email: `cr-${Date.now()}@example.com`, custom_role_id: role.id } });
    assert.equal(invited.json().custom_role_id, role.id);

    assert.equal((await t.request('DELETE', `/api/v1/accounts/${account.id}/custom_roles/${role.id}`, { token })).statusCode, 200);
    const agents = (await t.request('GET', `/api/v1/accounts/${account.id}/agents`, { token })).json();
    assert.equal(agents.find((a: { id: number }) => a.id === agent.user.id).custom_role_id, null);
    const after = (await t.request('GET', '/api/v1/profile', { token: agent.token })).json();
    assert.deepEqual(after.accounts.find((a: { id: number }) => a.id === account.id).permissions, ['agent']);
    const cleared = await t.request('PATCH', `/api/v1/accounts/${account.id}/agents/${invited.json().id}`, { token, body: { custom_role_id: null } });
    assert.equal(cleared.json().custom_role_id, null);
  });
});
