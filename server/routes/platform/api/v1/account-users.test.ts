import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInboxMember, buildAdmin, buildAgent, buildInbox, buildPlatformApp } from '../../../../test/factories.js';
import { buildTestApp } from '../../../../test/harness.js';

const RAW_KEYS = ['id', 'account_id', 'user_id', 'role', 'inviter_id', 'created_at', 'updated_at', 'active_at', 'availability', 'auto_offline', 'custom_role_id', 'agent_capacity_policy_id'];

describe('/platform/api/v1/accounts/:account_id/account_users', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;
  const appWithAccount = async () => {
    const app = await buildPlatformApp(db, env);
    const account = (await t.request('POST', '/platform/api/v1/accounts', { token: app.token, body: { name: 'Acme' } })).json();
    return { app, accountId: account.id as number, url: `/platform/api/v1/accounts/${account.id}/account_users` };
  };

  it('answers 401 without a token and for an account the app does not own; 404 for a missing account', async () => {
    const { url } = await appWithAccount();
    const none = await t.request('GET', url);
    assert.equal(none.statusCode, 401);
    assert.deepEqual(none.json(), { error: 'Invalid access_token' });
    const other = await buildPlatformApp(db, env);
    for (const [method, body] of [['GET', undefined], ['POST', { user_id: 1 }], ['DELETE', { user_id: 1 }]] as const) {
      const res = await t.request(method, url, { token: other.token, body });
      assert.equal(res.statusCode, 401, method);
      assert.deepEqual(res.json(), { error: 'Non permissible resource' });
    }
    const missing = await t.request('GET', '/platform/api/v1/accounts/999999/account_users', { token: other.token });
    assert.equal(missing.statusCode, 404);
  });

  it('adds a user (agent.added), changes the role on a second POST, lists raw rows', async () => {
    const { app, accountId, url } = await appWithAccount();
    const { user } = await buildAgent(db, env);
    const created = await t.request('POST', url, { token: app.token, body: { user_id: user.id, role: 'agent' } });
    assert.equal(created.statusCode, 200);
    const row = created.json();
    assert.deepEqual(Object.keys(row), RAW_KEYS);
    assert.deepEqual({ ...row, id: 0, created_at: '', updated_at: '' }, {
      id: 0, account_id: accountId, user_id: user.id, role: 'agent', inviter_id: null, created_at: '', updated_at: '',
      active_at: null, availability: 'online', auto_offline: true, custom_role_id: null, agent_capacity_policy_id: null,
    });
    assert.match(row.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const promoted = await t.request('POST', url, { token: app.token, body: { user_id: String(user.id), role: 'administrator' } });
    assert.equal(promoted.statusCode, 200);
    assert.equal(promoted.json().id, row.id);
    assert.equal(promoted.json().role, 'administrator');
    const list = await t.request('GET', url, { token: app.token });
    assert.deepEqual(list.json().map((r: { user_id: number; role: string }) => [r.user_id, r.role]), [[user.id, 'administrator']]);
    assert.deepEqual((await t.recorded(accountId, 'agent.added')).map((e) => e.userId), [user.id]);
  });

  it('names the field on bad input', async () => {
    const { app, url } = await appWithAccount();
    const { user } = await buildAgent(db, env);
    const cases: Array<[unknown, string]> = [[{}, 'user_id'], [{ user_id: 999999 }, 'user_id'], [{ user_id: 99999999999 }, 'user_id'], [{ user_id: user.id, role: 'owner' }, 'role']];
    for (const [body, field] of cases) {
      const res = await t.request('POST', url, { token: app.token, body });
      assert.equal(res.statusCode, 422, JSON.stringify(body));
      assert.deepEqual(res.json().attributes, [field]);
    }
    const missing = await t.request('POST', url, { token: app.token, body: { user_id: 999999 } });
    assert.deepEqual(missing.json(), { message: 'User must exist', attributes: ['user_id'] });
    const del = await t.request('DELETE', url, { token: app.token, body: {} });
    assert.equal(del.statusCode, 422);
    assert.deepEqual(del.json().attributes, ['user_id']);
    assert.deepEqual((await t.request('GET', url, { token: app.token })).json(), []);
  });

  it('removes a membership with the user’s inbox memberships (agent.removed); absent users are fine', async () => {
    const { app, accountId, url } = await appWithAccount();
    const account = await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
    const agent = await buildAgent(db, env, { account });
    const admin = await buildAdmin(db, env, account);
    const { inbox } = await buildInbox(db, { account });
    await addInboxMember(db, inbox.id, agent.user.id);
    const res = await t.request('DELETE', url, { token: app.token, body: { user_id: agent.user.id } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '');
    assert.deepEqual((await t.request('GET', url, { token: app.token })).json().map((r: { user_id: number }) => r.user_id), [admin.user.id]);
    await t.settle(); // inbox and team memberships go in the clean-up job that agent.removed queues
    assert.equal(await db.selectFrom('inbox_members').select('id').where('inbox_id', '=', inbox.id).executeTakeFirst(), undefined);
    assert.ok(await db.selectFrom('users').select('id').where('id', '=', agent.user.id).executeTakeFirst(), 'the user stays');
    assert.deepEqual((await t.recorded(accountId, 'agent.removed')).map((e) => e.userId), [agent.user.id]);
    const again = await t.request('DELETE', url, { token: app.token, body: { user_id: agent.user.id } });
    assert.equal(again.statusCode, 200);
    const lastAdmin = await t.request('DELETE', url, { token: app.token, body: { user_id: admin.user.id } });
    assert.equal(lastAdmin.statusCode, 200, 'the Platform API may remove the last administrator, as in Chatwoot');
  });
});
