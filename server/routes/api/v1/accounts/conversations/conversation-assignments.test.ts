import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInboxMember, buildAdmin, buildAgent, buildAgentBot, buildConversation } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { buildDesk, conversationsPath } from './conversations.fixtures.js';

describe('conversation assignments and labels', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  async function scene(overrides = {}) {
    const desk = await buildDesk(db, env);
    const conversation = await buildConversation(db, { account: desk.account, inbox: desk.inbox, contact: desk.contact, conversation: overrides });
    const path = `${conversationsPath(desk.account.id)}/${conversation.display_id}`;
    const team = await db.insertInto('teams').values({ account_id: desk.account.id, name: 'Support', description: 'Tier 1', allow_auto_assign: true, created_at: 1_700_000_000_000, updated_at: 1_700_000_000_000 })
      .returningAll().executeTakeFirstOrThrow();
    return { ...desk, conversation, path, team };
  }
  const reload = (id: number) => db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const drained = async (accountId: number) => {
    await t.deps.dispatcher.drain();
    return t.events.of(accountId);
  };

  describe('POST assignments', () => {
    it('assigns an inbox member and answers the agent; records assignee.changed and conversation.updated', async () => {
      const { account, admin, agent, path, conversation } = await scene();
      const res = await t.request('POST', `${path}/assignments`, { token: admin.token, body: { assignee_id: String(agent.user.id) } });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), {
        id: agent.user.id, account_id: account.id, availability_status: 'offline', auto_offline: true, confirmed: true,
        email: agent.user.email, provider: 'email', available_name: agent.user.name, name: agent.user.name, role: 'agent', thumbnail: '',
        custom_role_id: null,
      });
      assert.equal((await reload(conversation.id)).assignee_id, agent.user.id);
      const events = await drained(account.id);
      // The new assignee is notified too (NotificationListener#assignee_changed).
      assert.deepEqual(events.map((e) => e.name), ['assignee.changed', 'conversation.updated', 'notification.created']);
      assert.deepEqual(events[0]?.changes?.assignee_id, [null, agent.user.id]);
      assert.equal(events[2]?.userId, agent.user.id);
      const shown = await t.request('GET', path, { token: admin.token });
      assert.equal(shown.json().meta.assignee.id, agent.user.id);
      assert.equal(shown.json().meta.assignee_type, 'User');
    });

    it('unassigns with a null assignee_id and answers null', async () => {
      const { account, agent, path, conversation } = await scene();
      await db.updateTable('conversations').set({ assignee_id: agent.user.id }).where('id', '=', conversation.id).execute();
      const res = await t.request('POST', `${path}/assignments`, { token: agent.token, body: { assignee_id: null } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.body, 'null');
      assert.equal((await reload(conversation.id)).assignee_id, null);
      assert.deepEqual((await drained(account.id)).map((e) => e.name), ['assignee.changed', 'conversation.updated']);
    });

    it('refuses an agent of another account (404) and an agent outside the inbox (422); nothing changes', async () => {
      const { account, admin, path, conversation } = await scene();
      const stranger = await buildAgent(db, env);
      const cross = await t.request('POST', `${path}/assignments`, { token: admin.token, body: { assignee_id: stranger.user.id } });
      assert.equal(cross.statusCode, 404);
      assert.deepEqual(cross.json(), { error: 'Resource could not be found' });
      const outsider = await buildAgent(db, env, { account });
      const notMember = await t.request('POST', `${path}/assignments`, { token: admin.token, body: { assignee_id: outsider.user.id } });
      assert.equal(notMember.statusCode, 422);
      assert.deepEqual(notMember.json(), { message: 'Assignee is not a member of the inbox', attributes: ['assignee_id'] });
      const otherAdmin = await buildAdmin(db, env, account);
      const ok = await t.request('POST', `${path}/assignments`, { token: admin.token, body: { assignee_id: otherAdmin.user.id } });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().role, 'administrator');
      assert.equal((await reload(conversation.id)).assignee_id, otherAdmin.user.id);
      const bad = await t.request('POST', `${path}/assignments`, { token: admin.token, body: { assignee_id: 'abc' } });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().attributes, ['assignee_id']);
    });

    it('assigns an agent bot with assignee_type AgentBot and answers the slim bot', async () => {
      const { account, admin, agent, path, conversation } = await scene();
      await db.updateTable('conversations').set({ assignee_id: agent.user.id }).where('id', '=', conversation.id).execute();
      const { bot } = await buildAgentBot(db, env, { account, bot: { outgoing_url: 'https://bot.example/hook' } });
      const res = await t.request('POST', `${path}/assignments`, { token: admin.token, body: { assignee_id: bot.id, assignee_type: 'AgentBot' } });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { id: bot.id, name: bot.name, description: null, thumbnail: '', outgoing_url: 'https://bot.example/hook', bot_type: 'webhook' });
      const row = await reload(conversation.id);
      assert.equal(row.assignee_id, null);
      assert.equal(row.assignee_agent_bot_id, bot.id);
      const shown = (await t.request('GET', path, { token: admin.token })).json();
      assert.equal(shown.meta.assignee_type, 'AgentBot');
      assert.equal(shown.meta.assignee.id, bot.id);
      const foreign = await buildAgentBot(db, env, { account: (await buildAdmin(db, env)).account });
      const denied = await t.request('POST', `${path}/assignments`, { token: admin.token, body: { assignee_id: foreign.bot.id, assignee_type: 'AgentBot' } });
      assert.equal(denied.statusCode, 404);
    });

    it('sets the team (raw row), drops an assignee outside it, unassigns with 0, 404s another account\'s team', async () => {
      const { account, admin, agent, path, conversation, team } = await scene();
      await db.updateTable('conversations').set({ assignee_id: agent.user.id }).where('id', '=', conversation.id).execute();
      const res = await t.request('POST', `${path}/assignments`, { token: admin.token, body: { team_id: team.id } });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), {
        id: team.id, name: 'Support', description: 'Tier 1', allow_auto_assign: true, account_id: account.id,
        created_at: '2023-11-14T22:13:20.000Z', updated_at: '2023-11-14T22:13:20.000Z',
      });
      const row = await reload(conversation.id);
      assert.equal(row.team_id, team.id);
      assert.equal(row.assignee_id, null);
      assert.deepEqual((await drained(account.id)).map((e) => e.name), ['assignee.changed', 'team.changed', 'conversation.updated']);
      const other = await scene();
      const cross = await t.request('POST', `${path}/assignments`, { token: admin.token, body: { team_id: other.team.id } });
      assert.equal(cross.statusCode, 404);
      const cleared = await t.request('POST', `${path}/assignments`, { token: admin.token, body: { team_id: 0 } });
      assert.equal(cleared.statusCode, 200);
      assert.equal(cleared.body, 'null');
      assert.equal((await reload(conversation.id)).team_id, null);
    });

    it('keeps a team member assigned, lets a bot with access assign, and 401s an agent outside the inbox', async () => {
      const { account, admin, agent, inbox, path, conversation, team } = await scene();
      await db.insertInto('team_members').values({ team_id: team.id, user_id: agent.user.id, created_at: 1, updated_at: 1 }).execute();
      await db.updateTable('conversations').set({ assignee_id: agent.user.id }).where('id', '=', conversation.id).execute();
      const { token: botToken } = await buildAgentBot(db, env, { account });
      await t.request('POST', `${path}/assignments`, { token: botToken, body: { team_id: team.id } });
      const row = await reload(conversation.id);
      assert.equal(row.team_id, team.id);
      assert.equal(row.assignee_id, agent.user.id);
      const shown = (await t.request('GET', path, { token: agent.token })).json();
      assert.equal(shown.meta.team.is_member, true);
      assert.equal((await t.request('GET', path, { token: admin.token })).json().meta.team.is_member, false);
      const outsider = await buildAgent(db, env, { account });
      const denied = await t.request('POST', `${path}/assignments`, { token: outsider.token, body: { assignee_id: agent.user.id } });
      assert.equal(denied.statusCode, 401);
      // An agent of the conversation's team may see it without being an inbox member.
      await db.insertInto('team_members').values({ team_id: team.id, user_id: outsider.user.id, created_at: 1, updated_at: 1 }).execute();
      assert.equal((await t.request('GET', path, { token: outsider.token })).statusCode, 200);
      await addInboxMember(db, inbox.id, outsider.user.id);
      const empty = await t.request('POST', `${path}/assignments`, { token: outsider.token });
      assert.equal(empty.statusCode, 200);
      assert.equal(empty.body, 'null');
    });
  });

  describe('GET/POST labels', () => {
    it('replaces the label set, keeps cached_label_list in sync and records conversation.updated', async () => {
      const { account, agent, path, conversation } = await scene();
      const empty = await t.request('GET', `${path}/labels`, { token: agent.token });
      assert.deepEqual(empty.json(), { payload: [] });
      const res = await t.request('POST', `${path}/labels`, { token: agent.token, body: { labels: ['billing', 'vip'] } });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { payload: ['billing', 'vip'] });
      assert.equal((await reload(conversation.id)).cached_label_list, 'billing, vip');
      const replaced = await t.request('POST', `${path}/labels`, { token: agent.token, body: { labels: ['vip', 'urgent'] } });
      assert.deepEqual(replaced.json(), { payload: ['vip', 'urgent'] });
      assert.equal((await reload(conversation.id)).cached_label_list, 'vip, urgent');
      assert.deepEqual((await t.request('GET', `${path}/labels`, { token: agent.token })).json(), { payload: ['vip', 'urgent'] });
      assert.deepEqual((await t.request('GET', path, { token: agent.token })).json().labels, ['vip', 'urgent']);
      await t.request('POST', `${path}/labels`, { token: agent.token, body: { labels: ['vip', 'urgent'] } });
      const events = (await drained(account.id)).filter((e) => e.name === 'conversation.updated');
      assert.equal(events.length, 2);
      assert.deepEqual(events[1]?.changes?.label_list, [['billing', 'vip'], ['vip', 'urgent']]);
      const cleared = await t.request('POST', `${path}/labels`, { token: agent.token, body: { labels: [] } });
      assert.deepEqual(cleared.json(), { payload: [] });
      assert.equal((await reload(conversation.id)).cached_label_list, '');
    });

    it('lets bots read and write labels; 404 across accounts; 401 outside the inbox; 422 on a bad list', async () => {
      const { account, path, conversation } = await scene();
      const { token } = await buildAgentBot(db, env, { account });
      const res = await t.request('POST', `${path}/labels`, { token, body: { labels: ['bot'] } });
      assert.deepEqual(res.json(), { payload: ['bot'] });
      assert.deepEqual((await t.request('GET', `${path}/labels`, { token })).json(), { payload: ['bot'] });
      const other = await buildAdmin(db, env);
      const cross = await t.request('GET', `${conversationsPath(other.account.id)}/${conversation.display_id}/labels`, { token: other.token });
      assert.equal(cross.statusCode, 404);
      const outsider = await buildAgent(db, env, { account });
      assert.equal((await t.request('POST', `${path}/labels`, { token: outsider.token, body: { labels: ['x'] } })).statusCode, 401);
      const bad = await t.request('POST', `${path}/labels`, { token, body: { labels: 'vip' } });
      assert.equal(bad.statusCode, 200);
      const long = await t.request('POST', `${path}/labels`, { token, body: { labels: ['x'.repeat(300)] } });
      assert.equal(long.statusCode, 422);
      assert.deepEqual(long.json().attributes, ['labels.0']);
    });
  });
});
