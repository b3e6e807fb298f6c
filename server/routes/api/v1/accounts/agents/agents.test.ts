import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInboxMember, buildAccount, buildAdmin, buildAgent, buildConversation, buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

const AGENT_KEYS = ['id', 'account_id', 'availability_status', 'auto_offline', 'confirmed', 'email', 'provider', 'available_name', 'name', 'role', 'thumbnail', 'custom_role_id'];
const UNAUTHORIZED = { error: 'You are not authorized to do this action' };

describe('/api/v1/accounts/:account_id/agents', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  it('answers 401 without a token and with a wrong token', async () => {
    const { account } = await buildAdmin(db, env);
    const none = await t.request('GET', `/api/v1/accounts/${account.id}/agents`);
    assert.equal(none.statusCode, 401);
    assert.deepEqual(none.json(), { errors: ['You need to sign in or sign up before continuing.'] });
    const wrong = await t.request('POST', `/api/v1/accounts/${account.id}/agents`, { token: 'bad', body: { email: 'a@b.c' } });
    assert.equal(wrong.statusCode, 401);
  });

  it('lists every member of the account, by name, to any member', async () => {
    const account = await buildAccount(db);
    const admin = await buildAdmin(db, env, account);
    await db.updateTable('users').set({ name: 'zed' }).where('id', '=', admin.user.id).execute();
    const agent = await buildAgent(db, env, { account, user: { name: 'Amy', custom_attributes: { level: 2 } } });
    await buildAgent(db, env);
    const res = await t.request('GET', `/api/v1/accounts/${account.id}/agents`, { token: agent.token });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(body.map((a: { id: number }) => a.id), [agent.user.id, admin.user.id]);
    assert.deepEqual(body[0], {
      id: agent.user.id, account_id: account.id, availability_status: 'offline', auto_offline: true, confirmed: true,
      email: agent.user.email, provider: 'email', available_name: 'Amy', custom_attributes: { level: 2 }, name: 'Amy',
      role: 'agent', thumbnail: '', custom_role_id: null,
    });
    assert.deepEqual(Object.keys(body[1]), AGENT_KEYS);
    assert.equal(body[1].role, 'administrator');
  });

  it('creates a new user as an agent (wrapped or flat body) and records agent.added', async () => {
    const { account, token, user: admin } = await buildAdmin(db, env);
    const res = await t.request('POST', `/api/v1/accounts/${account.id}/agents`, {
      token, body: { agent: { name: 'New Person', email: 'New.Person@Example.com', role: 'administrator', availability: 'busy', auto_offline: false } },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), AGENT_KEYS);
    assert.deepEqual(body, {
      id: body.id, account_id: account.id, availability_status: 'busy', auto_offline: false, confirmed: false,
      email: 'new.person@example.com', provider: 'email', available_name: 'New Person', name: 'New Person',
      role: 'administrator', thumbnail: '', custom_role_id: null,
    });
    const membership = await db.selectFrom('account_users').selectAll().where('account_id', '=', account.id).where('user_id', '=', body.id).executeTakeFirstOrThrow();
    assert.equal(membership.inviter_id, admin.id);
    const events = await t.recorded(account.id, 'agent.added');
    assert.equal(events.length, 1);
    assert.equal(events[0].userId, body.id);
    const flat = await t.request('POST', `/api/v1/accounts/${account.id}/agents`, { token, body: { email: 'plain@example.com' } });
    assert.equal(flat.statusCode, 200);
    assert.equal(flat.json().name, 'plain');
    assert.equal(flat.json().role, 'agent');
    assert.equal(flat.json().auto_offline, true);
  });

  it('reuses an existing user with that email; a second membership is 422 naming email', async () => {
    const { account, token } = await buildAdmin(db, env);
    const elsewhere = await buildAgent(db, env, { user: { name: 'Known' } });
    const res = await t.request('POST', `/api/v1/accounts/${account.id}/agents`, { token, body: { name: 'Ignored', email: elsewhere.user.email.toUpperCase() } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().id, elsewhere.user.id);
    assert.equal(res.json().name, 'Known');
    assert.equal(res.json().confirmed, true);
    const again = await t.request('POST', `/api/v1/accounts/${account.id}/agents`, { token, body: { email: elsewhere.user.email } });
    assert.equal(again.statusCode, 422);
    assert.deepEqual(again.json(), { message: 'Email has already been taken', attributes: ['email'] });
  });

  it('names the field on bad input and writes nothing', async () => {
    const { account, token } = await buildAdmin(db, env);
    const cases: Array<[unknown, string]> = [
      [{}, 'email'],
      [{ email: 'not-an-email' }, 'email'],
      [{ email: 'x@example.com', role: 'owner' }, 'role'],
      [{ email: 'x@example.com', availability: 'away' }, 'availability'],
      [{ email: 'x@example.com', auto_offline: 'sometimes' }, 'auto_offline'],
      [{ email: 'x@example.com', name: 'n'.repeat(300) }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await t.request('POST', `/api/v1/accounts/${account.id}/agents`, { token, body });
      assert.equal(res.statusCode, 422, JSON.stringify(body));
      assert.ok(res.json().attributes.includes(field), JSON.stringify(res.json()));
    }
    assert.equal(await db.selectFrom('users').select('id').where('email', '=', 'x@example.com').executeTakeFirst(), undefined);
  });

  it('refuses an agent with 401 on create, update and delete', async () => {
    const { account } = await buildAdmin(db, env);
    const agent = await buildAgent(db, env, { account });
    const other = await buildAgent(db, env, { account });
    const base = `/api/v1/accounts/${account.id}/agents`;
    const attempts = [['POST', base, { email: 'z@example.com' }], ['PATCH', `${base}/${other.user.id}`, { name: 'X' }], ['PUT', `${base}/${other.user.id}`, { role: 'administrator' }], ['DELETE', `${base}/${other.user.id}`, undefined]] as const;
    for (const [method, url, body] of attempts) {
      const res = await t.request(method, url, { token: agent.token, body });
      assert.equal(res.statusCode, 401, `${method} ${url}`);
      assert.deepEqual(res.json(), UNAUTHORIZED);
    }
    const row = await db.selectFrom('account_users').select('role').where('user_id', '=', other.user.id).executeTakeFirstOrThrow();
    assert.equal(row.role, 0);
  });

  it('updates name, role, availability and auto_offline; 404 for a user outside the account', async () => {
    const { account, token } = await buildAdmin(db, env);
    const other = await buildAgent(db, env, { account });
    const res = await t.request('PUT', `/api/v1/accounts/${account.id}/agents/${other.user.id}`, {
      token, body: { agent: { name: 'Renamed', role: 'administrator', availability: 'busy', auto_offline: false } },
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      id: other.user.id, account_id: account.id, availability_status: 'busy', auto_offline: false, confirmed: true,
      email: other.user.email, provider: 'email', available_name: 'Renamed', name: 'Renamed', role: 'administrator', thumbnail: '',
      custom_role_id: null,
    });
    const bad = await t.request('PATCH', `/api/v1/accounts/${account.id}/agents/${other.user.id}`, { token, body: { role: 'root' } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['role']);
    const stranger = await buildAgent(db, env);
    const cross = await t.request('PATCH', `/api/v1/accounts/${account.id}/agents/${stranger.user.id}`, { token, body: { name: 'X' } });
    assert.equal(cross.statusCode, 404);
    const crossDelete = await t.request('DELETE', `/api/v1/accounts/${account.id}/agents/${stranger.user.id}`, { token });
    assert.equal(crossDelete.statusCode, 404);
  });

  it('will not demote or remove the last administrator', async () => {
    const { account, token, user } = await buildAdmin(db, env);
    const demote = await t.request('PATCH', `/api/v1/accounts/${account.id}/agents/${user.id}`, { token, body: { role: 'agent' } });
    assert.equal(demote.statusCode, 422);
    assert.deepEqual(demote.json().attributes, ['role']);
    const self = await t.request('DELETE', `/api/v1/accounts/${account.id}/agents/${user.id}`, { token });
    assert.equal(self.statusCode, 422);
    assert.deepEqual(self.json(), { error: 'You cannot delete yourself' });
    // A second administrator who never confirmed their email does not count.
    const unverified = await buildAgent(db, env, { account, role: 'administrator', user: { confirmed_at: null } });
    const byUnverified = await t.request('DELETE', `/api/v1/accounts/${account.id}/agents/${user.id}`, { token: unverified.token });
    assert.equal(byUnverified.statusCode, 422);
    assert.deepEqual(byUnverified.json(), { error: 'The last verified administrator of the account cannot be removed' });
    const demoteByUnverified = await t.request('PATCH', `/api/v1/accounts/${account.id}/agents/${user.id}`, { token: unverified.token, body: { role: 'agent' } });
    assert.equal(demoteByUnverified.statusCode, 422);
    assert.deepEqual(demoteByUnverified.json(), { message: 'Role cannot be changed for the last verified administrator of the account', attributes: ['role'] });
    const second = await buildAdmin(db, env, account);
    const ok = await t.request('DELETE', `/api/v1/accounts/${account.id}/agents/${user.id}`, { token: second.token });
    assert.equal(ok.statusCode, 200);
    const removeUnverified = await t.request('DELETE', `/api/v1/accounts/${account.id}/agents/${unverified.user.id}`, { token: second.token });
    assert.equal(removeUnverified.statusCode, 200, 'an unverified administrator can go while a verified one stays');
    const removeLast = await t.request('DELETE', `/api/v1/accounts/${account.id}/agents/${second.user.id}`, { token: second.token });
    assert.equal(removeLast.statusCode, 422);
  });

  it('removes an agent with their inbox memberships and assignments, records agent.removed', async () => {
    const { account, token } = await buildAdmin(db, env);
    const agent = await buildAgent(db, env, { account });
    const { inbox } = await buildInbox(db, { account });
    await addInboxMember(db, inbox.id, agent.user.id);
    const conversation = await buildConversation(db, { account, inbox, conversation: { assignee_id: agent.user.id } });
    const team = await db.insertInto('teams').values({ account_id: account.id, name: `T ${Date.now()}`, description: null, allow_auto_assign: true, created_at: Date.now(), updated_at: Date.now() })
      .returningAll().executeTakeFirstOrThrow();
    await db.insertInto('team_members').values({ team_id: team.id, user_id: agent.user.id, created_at: Date.now(), updated_at: Date.now() }).execute();
    const elsewhere = await buildAdmin(db, env);
    await db.insertInto('account_users').values({
      account_id: elsewhere.account.id, user_id: agent.user.id, role: 0, inviter_id: null, active_at: null, availability: 0,
      auto_offline: true, created_at: Date.now(), updated_at: Date.now(),
    }).execute();
    const otherInbox = await buildInbox(db, { account: elsewhere.account });
    await addInboxMember(db, otherInbox.inbox.id, agent.user.id);
    const res = await t.request('DELETE', `/api/v1/accounts/${account.id}/agents/${agent.user.id}`, { token });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '');
    // The membership goes at once; the clean-up (inboxes, teams, assignments) is one background job.
    await t.settle();
    assert.equal(await db.selectFrom('account_users').select('id').where('account_id', '=', account.id).where('user_id', '=', agent.user.id).executeTakeFirst(), undefined);
    assert.equal(await db.selectFrom('inbox_members').select('id').where('inbox_id', '=', inbox.id).executeTakeFirst(), undefined);
    assert.ok(await db.selectFrom('inbox_members').select('id').where('inbox_id', '=', otherInbox.inbox.id).executeTakeFirst());
    const after = await db.selectFrom('conversations').select('assignee_id').where('id', '=', conversation.id).executeTakeFirstOrThrow();
    assert.equal(after.assignee_id, null, 'unassigned, not deleted');
    assert.equal(await db.selectFrom('team_members').select('id').where('team_id', '=', team.id).executeTakeFirst(), undefined);
    assert.ok(await db.selectFrom('users').select('id').where('id', '=', agent.user.id).executeTakeFirst(), 'user kept: still in another account');
    assert.deepEqual((await t.recorded(account.id, 'agent.removed')).map((e) => e.userId), [agent.user.id]);
  });

  it('deletes the user when the account was their last one', async () => {
    const { account, token } = await buildAdmin(db, env);
    const agent = await buildAgent(db, env, { account });
    const res = await t.request('DELETE', `/api/v1/accounts/${account.id}/agents/${agent.user.id}`, { token });
    assert.equal(res.statusCode, 200);
    assert.equal(await db.selectFrom('users').select('id').where('id', '=', agent.user.id).executeTakeFirst(), undefined);
    const profile = await t.request('GET', '/api/v1/profile', { token: agent.token });
    assert.equal(profile.statusCode, 401);
  });
});
