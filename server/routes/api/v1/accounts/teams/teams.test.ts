import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAccount, buildAdmin, buildAgent, buildConversation } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('/api/v1/accounts/:account_id/teams', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, id?: number) => `/api/v1/accounts/${accountId}/teams${id === undefined ? '' : `/${id}`}`;
  const membersUrl = (accountId: number, teamId: number) => `${url(accountId, teamId)}/team_members`;
  const TEAM_KEYS = ['id', 'name', 'description', 'allow_auto_assign', 'account_id', 'is_member'];

  async function adminWithTeam(name = 'Sales') {
    const admin = await buildAdmin(db, t.deps.env);
    const res = await t.request('POST', url(admin.account.id), { token: admin.token, body: { team: { name, description: 'Deals' } } });
    assert.equal(res.statusCode, 200, res.body);
    return { ...admin, team: res.json() as { id: number; name: string } };
  }

  it('needs a token', async () => {
    const account = await buildAccount(db);
    assert.equal((await t.request('GET', url(account.id))).statusCode, 401);
  });

  it('creates a team from a wrapped or flat body, lower-casing the name, in Chatwoot\'s shape', async () => {
    const { account, token, team } = await adminWithTeam('Support Tier 1');
    assert.deepEqual(Object.keys(team), TEAM_KEYS);
    assert.deepEqual({ ...team, id: 0 }, {
      id: 0, name: 'support tier 1', description: 'Deals', allow_auto_assign: true, account_id: account.id, is_member: false,
    });
    const flat = await t.request('POST', url(account.id), { token, body: { name: 'Billing', allow_auto_assign: false } });
    assert.equal(flat.statusCode, 200);
    assert.equal(flat.json().allow_auto_assign, false);
    assert.equal(flat.json().description, null);
  });

  it('refuses a blank or taken name with 422 naming the field, and a body without team fields', async () => {
    const { account, token } = await adminWithTeam('taken');
    const blank = await t.request('POST', url(account.id), { token, body: { name: '  ' } });
    assert.equal(blank.statusCode, 422);
    assert.deepEqual(blank.json().attributes, ['name']);
    const taken = await t.request('POST', url(account.id), { token, body: { name: 'TAKEN' } });
    assert.equal(taken.statusCode, 422);
    assert.deepEqual(taken.json(), { message: 'Name has already been taken', attributes: ['name'] });
    const empty = await t.request('POST', url(account.id), { token, body: {} });
    assert.equal(empty.statusCode, 422);
    const wrongType = await t.request('POST', url(account.id), { token, body: { name: 'x', allow_auto_assign: 'maybe' } });
    assert.equal(wrongType.statusCode, 422);
    const teams = await db.selectFrom('teams').select('name').where('account_id', '=', account.id).execute();
    assert.deepEqual(teams.map((r) => r.name), ['taken']);
  });

  it('lists and shows teams to agents with is_member; only administrators write', async () => {
    const { account, token, team } = await adminWithTeam('alpha');
    const agent = await buildAgent(db, t.deps.env, { account });
    await t.request('POST', membersUrl(account.id, team.id), { token, body: { user_ids: [agent.user.id] } });
    const list = await t.request('GET', url(account.id), { token: agent.token });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().map((x: { name: string; is_member: boolean }) => [x.name, x.is_member]), [['alpha', true]]);
    const show = await t.request('GET', url(account.id, team.id), { token: agent.token });
    assert.equal(show.statusCode, 200);
    assert.equal(show.json().is_member, true);
    for (const [method, path, body] of [
      ['POST', url(account.id), { name: 'nope' }],
      ['PATCH', url(account.id, team.id), { name: 'nope' }],
      ['DELETE', url(account.id, team.id), undefined],
      ['POST', membersUrl(account.id, team.id), { user_ids: [agent.user.id] }],
      ['PATCH', membersUrl(account.id, team.id), { user_ids: [] }],
      ['DELETE', membersUrl(account.id, team.id), { user_ids: [agent.user.id] }],
    ] as const) {
      const res = await t.request(method, path, { token: agent.token, body });
      assert.equal(res.statusCode, 401, `${method} ${path}`);
    }
    assert.equal((await t.request('GET', membersUrl(account.id, team.id), { token: agent.token })).json().length, 1);
  });

  it('updates and deletes a team; its conversations keep no team', async () => {
    const { account, token, team } = await adminWithTeam('old');
    const updated = await t.request('PUT', url(account.id, team.id), { token, body: { team: { name: 'New', allow_auto_assign: false } } });
    assert.equal(updated.statusCode, 200);
    assert.deepEqual([updated.json().name, updated.json().allow_auto_assign, updated.json().description], ['new', false, 'Deals']);
    const conversation = await buildConversation(db, { account, conversation: { team_id: team.id } });
    const deleted = await t.request('DELETE', url(account.id, team.id), { token });
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.body, '');
    assert.equal((await t.request('GET', url(account.id, team.id), { token })).statusCode, 404);
    const row = await db.selectFrom('conversations').select('team_id').where('id', '=', conversation.id).executeTakeFirstOrThrow();
    assert.equal(row.team_id, null);
  });

  it('answers 404 for another account\'s team', async () => {
    const mine = await adminWithTeam('mine');
    const theirs = await adminWithTeam('theirs');
    for (const [method, path] of [
      ['GET', url(mine.account.id, theirs.team.id)],
      ['PATCH', url(mine.account.id, theirs.team.id)],
      ['DELETE', url(mine.account.id, theirs.team.id)],
      ['GET', membersUrl(mine.account.id, theirs.team.id)],
    ] as const) {
      const res = await t.request(method, path, { token: mine.token, body: method === 'PATCH' ? { name: 'x' } : undefined });
      assert.equal(res.statusCode, 404, `${method} ${path}`);
    }
  });

  it('adds, replaces and removes members; strangers are refused as Chatwoot does', async () => {
    const { account, token, team } = await adminWithTeam('members');
    const a = await buildAgent(db, t.deps.env, { account });
    const b = await buildAgent(db, t.deps.env, { account });
    const c = await buildAgent(db, t.deps.env, { account });
    const added = await t.request('POST', membersUrl(account.id, team.id), { token, body: { user_ids: [a.user.id, String(b.user.id)] } });
    assert.equal(added.statusCode, 200);
    assert.deepEqual(added.json().map((x: { id: number }) => x.id), [a.user.id, b.user.id]);
    assert.deepEqual(Object.keys(added.json()[0]).slice(0, 4), ['id', 'account_id', 'availability_status', 'auto_offline']);
    const again = await t.request('POST', membersUrl(account.id, team.id), { token, body: { user_ids: [a.user.id, c.user.id] } });
    assert.deepEqual(again.json().map((x: { id: number }) => x.id), [c.user.id]);

    const replaced = await t.request('PATCH', membersUrl(account.id, team.id), { token, body: { user_ids: [b.user.id] } });
    assert.equal(replaced.statusCode, 200);
    assert.deepEqual(replaced.json().map((x: { id: number }) => x.id), [b.user.id]);

    const stranger = await buildAgent(db, t.deps.env);
    const refused = await t.request('POST', membersUrl(account.id, team.id), { token, body: { user_ids: [stranger.user.id] } });
    assert.equal(refused.statusCode, 401);
    assert.deepEqual(refused.json(), { error: 'Invalid User IDs' });
    const missing = await t.request('POST', membersUrl(account.id, team.id), { token, body: {} });
    assert.equal(missing.statusCode, 422);

    const removed = await t.request('DELETE', membersUrl(account.id, team.id), { token, body: { user_ids: [b.user.id] } });
    assert.equal(removed.statusCode, 200);
    const list = await t.request('GET', membersUrl(account.id, team.id), { token });
    assert.deepEqual(list.json(), []);
  });
});
