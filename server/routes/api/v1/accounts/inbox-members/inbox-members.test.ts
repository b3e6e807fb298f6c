import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInboxMember, buildAdmin, buildAgent, buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

const AGENT_KEYS = ['id', 'account_id', 'availability_status', 'auto_offline', 'confirmed', 'email', 'provider', 'available_name', 'name', 'role', 'thumbnail', 'custom_role_id'];

describe('/api/v1/accounts/:account_id/inbox_members', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;
  const memberIds = async (inboxId: number) =>
    (await db.selectFrom('inbox_members').select('user_id').where('inbox_id', '=', inboxId).orderBy('id').execute()).map((r) => r.user_id);

  it('answers 401 without a token and with a wrong token', async () => {
    const { account } = await buildAdmin(db, env);
    const { inbox } = await buildInbox(db, { account });
    const none = await t.request('GET', `/api/v1/accounts/${account.id}/inbox_members/${inbox.id}`);
    assert.equal(none.statusCode, 401);
    const wrong = await t.request('POST', `/api/v1/accounts/${account.id}/inbox_members`, { token: 'bad', body: { inbox_id: inbox.id, user_ids: [] } });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), { error: 'Invalid Access Token' });
  });

  it('lists the members as agents to a member; 401 to an agent outside the inbox; 404 across accounts', async () => {
    const { account, token } = await buildAdmin(db, env);
    const first = await buildAgent(db, env, { account });
    const second = await buildAgent(db, env, { account, user: { custom_attributes: { team: 'blue' } } });
    const outsider = await buildAgent(db, env, { account });
    const { inbox } = await buildInbox(db, { account });
    await addInboxMember(db, inbox.id, second.user.id);
    await addInboxMember(db, inbox.id, first.user.id);
    const denied = await t.request('GET', `/api/v1/accounts/${account.id}/inbox_members/${inbox.id}`, { token: outsider.token });
    assert.equal(denied.statusCode, 401);
    assert.deepEqual(denied.json(), { error: 'You are not authorized to do this action' });
    const res = await t.request('GET', `/api/v1/accounts/${account.id}/inbox_members/${inbox.id}`, { token: first.token });
    assert.equal(res.statusCode, 200);
    const payload = res.json().payload;
    assert.deepEqual(payload.map((a: { id: number }) => a.id), [second.user.id, first.user.id]);
    assert.deepEqual(Object.keys(payload[1]), AGENT_KEYS);
    assert.deepEqual(payload[0], {
      id: second.user.id, account_id: account.id, availability_status: 'offline', auto_offline: true, confirmed: true,
      email: second.user.email, provider: 'email', available_name: second.user.name, custom_attributes: { team: 'blue' },
      name: second.user.name, role: 'agent', thumbnail: '', custom_role_id: null,
    });
    assert.deepEqual(Object.keys(payload[0]), [...AGENT_KEYS.slice(0, 8), 'custom_attributes', ...AGENT_KEYS.slice(8)]);
    const other = await buildInbox(db, { account: (await buildAdmin(db, env)).account });
    const cross = await t.request('GET', `/api/v1/accounts/${account.id}/inbox_members/${other.inbox.id}`, { token });
    assert.equal(cross.statusCode, 404);
  });

  it('refuses an agent with 401 on add, replace and remove', async () => {
    const { account } = await buildAdmin(db, env);
    const agent = await buildAgent(db, env, { account });
    const { inbox } = await buildInbox(db, { account });
    await addInboxMember(db, inbox.id, agent.user.id);
    for (const method of ['POST', 'PATCH', 'DELETE']) {
      const res = await t.request(method, `/api/v1/accounts/${account.id}/inbox_members`, { token: agent.token, body: { inbox_id: inbox.id, user_ids: [] } });
      assert.equal(res.statusCode, 401, method);
      assert.deepEqual(res.json(), { error: 'You are not authorized to do this action' });
    }
    assert.deepEqual(await memberIds(inbox.id), [agent.user.id]);
  });

  it('adds members (ids may be strings), keeping the ones already there', async () => {
    const { account, token } = await buildAdmin(db, env);
    const old = await buildAgent(db, env, { account });
    const added = await buildAgent(db, env, { account });
    const { inbox } = await buildInbox(db, { account });
    await addInboxMember(db, inbox.id, old.user.id);
    const res = await t.request('POST', `/api/v1/accounts/${account.id}/inbox_members`, {
      token, body: { inbox_id: String(inbox.id), user_ids: [old.user.id, String(added.user.id)] },
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().payload.map((a: { id: number }) => a.id), [old.user.id, added.user.id]);
    assert.deepEqual(Object.keys(res.json().payload[0]), AGENT_KEYS);
    assert.deepEqual(await memberIds(inbox.id), [old.user.id, added.user.id]);
  });

  it('refuses users who are not in the account with 422 and adds nobody', async () => {
    const { account, token } = await buildAdmin(db, env);
    const inAccount = await buildAgent(db, env, { account });
    const stranger = await buildAgent(db, env);
    const { inbox } = await buildInbox(db, { account });
    for (const userIds of [[inAccount.user.id, stranger.user.id], ['invalid'], [999999], [99999999999]]) {
      for (const method of ['POST', 'PATCH']) {
        const res = await t.request(method, `/api/v1/accounts/${account.id}/inbox_members`, { token, body: { inbox_id: inbox.id, user_ids: userIds } });
        assert.equal(res.statusCode, 422, `${method} ${JSON.stringify(userIds)}`);
        assert.deepEqual(res.json(), { message: 'User must exist', attributes: ['user_ids'] });
      }
    }
    const missing = await t.request('POST', `/api/v1/accounts/${account.id}/inbox_members`, { token, body: { inbox_id: inbox.id } });
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(missing.json().attributes, ['user_ids']);
    assert.deepEqual(await memberIds(inbox.id), []);
  });

  it('answers 404 for a missing or foreign inbox_id', async () => {
    const { account, token } = await buildAdmin(db, env);
    const agent = await buildAgent(db, env, { account });
    const other = await buildInbox(db, { account: (await buildAdmin(db, env)).account });
    for (const method of ['POST', 'PATCH', 'DELETE']) {
      for (const inboxId of [null, other.inbox.id]) {
        const res = await t.request(method, `/api/v1/accounts/${account.id}/inbox_members`, { token, body: { inbox_id: inboxId, user_ids: [agent.user.id] } });
        assert.equal(res.statusCode, 404, `${method} ${inboxId}`);
        assert.deepEqual(res.json(), { error: 'Resource could not be found' });
      }
    }
    assert.deepEqual(await memberIds(other.inbox.id), []);
  });

  it('replaces the member set with PATCH', async () => {
    const { account, token } = await buildAdmin(db, env);
    const [a, b, c] = [await buildAgent(db, env, { account }), await buildAgent(db, env, { account }), await buildAgent(db, env, { account })];
    const { inbox } = await buildInbox(db, { account });
    await addInboxMember(db, inbox.id, a.user.id);
    await addInboxMember(db, inbox.id, b.user.id);
    const res = await t.request('PATCH', `/api/v1/accounts/${account.id}/inbox_members`, { token, body: { inbox_id: inbox.id, user_ids: [b.user.id, c.user.id] } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().payload.map((x: { id: number }) => x.id), [b.user.id, c.user.id]);
    assert.deepEqual(await memberIds(inbox.id), [b.user.id, c.user.id]);
    const empty = await t.request('PATCH', `/api/v1/accounts/${account.id}/inbox_members`, { token, body: { inbox_id: inbox.id, user_ids: [] } });
    assert.equal(empty.statusCode, 200);
    assert.deepEqual(empty.json(), { payload: [] });
  });

  it('removes members with DELETE, ignoring ids that are not members', async () => {
    const { account, token } = await buildAdmin(db, env);
    const [a, b, c] = [await buildAgent(db, env, { account }), await buildAgent(db, env, { account }), await buildAgent(db, env, { account })];
    const { inbox } = await buildInbox(db, { account });
    await addInboxMember(db, inbox.id, a.user.id);
    await addInboxMember(db, inbox.id, b.user.id);
    const res = await t.request('DELETE', `/api/v1/accounts/${account.id}/inbox_members`, { token, body: { inbox_id: inbox.id, user_ids: [b.user.id, c.user.id, 'invalid'] } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '');
    assert.deepEqual(await memberIds(inbox.id), [a.user.id]);
  });
});
