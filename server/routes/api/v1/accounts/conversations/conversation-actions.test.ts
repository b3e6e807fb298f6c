import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdmin, buildAgent, buildAgentBot, buildConversation, buildMessage } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { buildDesk, CONVERSATION_KEYS, conversationsPath } from './conversations.fixtures.js';

describe('conversation member actions', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  async function scene(overrides = {}) {
    const desk = await buildDesk(db, env);
    const conversation = await buildConversation(db, { account: desk.account, inbox: desk.inbox, contact: desk.contact, conversation: overrides });
    const path = `${conversationsPath(desk.account.id)}/${conversation.display_id}`;
    return { ...desk, conversation, path };
  }
  const reload = (id: number) => db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const names = async (accountId: number) => {
    await t.deps.dispatcher.drain();
    return t.events.of(accountId).map((e) => e.name);
  };

  describe('POST toggle_status', () => {
    it('answers 401 without a token, 404 across accounts, 401 for an agent outside the inbox, 422 for a bad status', async () => {
      const { account, path, conversation } = await scene();
      assert.equal((await t.request('POST', `${path}/toggle_status`)).statusCode, 401);
      const other = await buildAdmin(db, env);
      const cross = await t.request('POST', `${conversationsPath(other.account.id)}/${conversation.display_id}/toggle_status`, { token: other.token });
      assert.equal(cross.statusCode, 404);
      const outsider = await buildAgent(db, env, { account });
      assert.equal((await t.request('POST', `${path}/toggle_status`, { token: outsider.token })).statusCode, 401);
      const admin = await buildAdmin(db, env, account);
      const bad = await t.request('POST', `${path}/toggle_status`, { token: admin.token, body: { status: 'closed' } });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().attributes, ['status']);
      assert.equal((await reload(conversation.id)).status, 0);
    });

    it('toggles open → resolved without a status, clearing waiting_since, and records status_changed + updated', async () => {
      const { account, admin, path, conversation } = await scene();
      const res = await t.request('POST', `${path}/toggle_status`, { token: admin.token, body: { status: '' } });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { meta: {}, payload: { success: true, conversation_id: conversation.display_id, current_status: 'resolved', snoozed_until: null } });
      const row = await reload(conversation.id);
      assert.equal(row.status, 1);
      assert.equal(row.waiting_since, null);
      assert.deepEqual(await names(account.id), ['conversation.resolved', 'conversation.status_changed', 'conversation.updated']);
      const changed = t.events.of(account.id, 'conversation.status_changed')[0];
      assert.deepEqual(changed?.changes, { status: ['open', 'resolved'] });
      assert.deepEqual(t.events.of(account.id, 'conversation.updated')[0]?.changes?.status, ['open', 'resolved']);
      const again = await t.request('POST', `${path}/toggle_status`, { token: admin.token });
      assert.equal(again.json().payload.current_status, 'open');
    });

    it('snoozes until a Unix time and sets pending; the administrator is not self-assigned', async () => {
      const { account, admin, path, conversation } = await scene();
      const until = Math.floor(Date.now() / 1000) + 2 * 86_400;
      const res = await t.request('POST', `${path}/toggle_status`, { token: admin.token, body: { status: 'snoozed', snoozed_until: String(until) } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().payload.current_status, 'snoozed');
      assert.equal(res.json().payload.snoozed_until, new Date(until * 1000).toISOString());
      assert.equal((await reload(conversation.id)).snoozed_until, until * 1000);
      const shown = await t.request('GET', path, { token: admin.token });
      assert.equal(shown.json().snoozed_until, new Date(until * 1000).toISOString());
      const pending = await t.request('POST', `${path}/toggle_status`, { token: admin.token, body: { status: 'pending' } });
      assert.equal(pending.json().payload.current_status, 'pending');
      assert.equal(pending.json().payload.snoozed_until, null);
      const reopened = await t.request('POST', `${path}/toggle_status`, { token: admin.token });
      assert.equal(reopened.json().payload.current_status, 'open');
      assert.equal((await reload(conversation.id)).assignee_id, null);
      const events = await names(account.id);
      assert.equal(events.filter((n) => n === 'conversation.status_changed').length, 3);
      assert.equal(events.filter((n) => n === 'conversation.opened').length, 1);
    });

    it('makes an agent who opens the conversation its assignee', async () => {
      const { account, agent, path, conversation } = await scene({ status: 2 });
      const res = await t.request('POST', `${path}/toggle_status`, { token: agent.token });
      assert.equal(res.json().payload.current_status, 'open');
      assert.equal((await reload(conversation.id)).assignee_id, agent.user.id);
      const events = await names(account.id);
      assert.deepEqual(events, ['conversation.opened', 'conversation.status_changed', 'conversation.updated', 'assignee.changed', 'conversation.updated']);
    });

    it('lets a bot snooze, and hands a pending conversation off when a bot opens it', async () => {
      const { account, path, conversation } = await scene({ status: 2, waiting_since: null });
      const { token } = await buildAgentBot(db, env, { account });
      const res = await t.request('POST', `${path}/toggle_status`, { token, body: { status: 'open' } });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().payload, { success: null, conversation_id: conversation.display_id, current_status: 'open', snoozed_until: null });
      const row = await reload(conversation.id);
      assert.notEqual(row.waiting_since, null);
      assert.equal(row.assignee_id, null);
      const events = await names(account.id);
      assert.deepEqual(events, ['conversation.updated', 'conversation.opened', 'conversation.status_changed', 'conversation.updated', 'conversation.bot_handoff']);
      const snoozed = await t.request('POST', `${path}/toggle_status`, { token, body: { status: 'snoozed' } });
      assert.equal(snoozed.json().payload.current_status, 'snoozed');
    });
  });

  describe('POST toggle_priority and PATCH', () => {
    it('sets and clears the priority with an empty 200; 422 for an unknown one; bots allowed', async () => {
      const { account, agent, path, conversation } = await scene();
      const res = await t.request('POST', `${path}/toggle_priority`, { token: agent.token, body: { priority: 'low' } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.body, '');
      assert.equal((await reload(conversation.id)).priority, 0);
      const { token } = await buildAgentBot(db, env, { account });
      await t.request('POST', `${path}/toggle_priority`, { token, body: { priority: 'urgent' } });
      assert.equal((await reload(conversation.id)).priority, 3);
      await t.request('POST', `${path}/toggle_priority`, { token: agent.token });
      assert.equal((await reload(conversation.id)).priority, null);
      const bad = await t.request('POST', `${path}/toggle_priority`, { token: agent.token, body: { priority: 'asap' } });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().attributes, ['priority']);
      await t.deps.dispatcher.drain();
      const changes = t.events.of(account.id, 'conversation.updated').map((e) => e.changes?.priority);
      assert.deepEqual(changes, [[null, 'low'], ['low', 'urgent'], ['urgent', null]]);
    });
  });

  describe('POST custom_attributes', () => {
    it('replaces the hash, records conversation.updated, and is allowed to bots', async () => {
      const { account, agent, path, conversation } = await scene({ custom_attributes: { old: 1 } });
      const res = await t.request('POST', `${path}/custom_attributes`, { token: agent.token, body: { custom_attributes: { user_id: 1001, created_date: '23/12/2012' } } });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { custom_attributes: { user_id: 1001, created_date: '23/12/2012' } });
      assert.deepEqual((await reload(conversation.id)).custom_attributes, { user_id: 1001, created_date: '23/12/2012' });
      const { token } = await buildAgentBot(db, env, { account });
      const bot = await t.request('POST', `${path}/custom_attributes`, { token, body: { custom_attributes: { step: 'greeting' } } });
      assert.deepEqual(bot.json(), { custom_attributes: { step: 'greeting' } });
      await t.deps.dispatcher.drain();
      assert.deepEqual(t.events.of(account.id, 'conversation.updated')[0]?.changes?.custom_attributes, [{ old: 1 }, { user_id: 1001, created_date: '23/12/2012' }]);
      const bad = await t.request('POST', `${path}/custom_attributes`, { token: agent.token, body: { custom_attributes: 'x' } });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().attributes, ['custom_attributes']);
    });
  });

  describe('POST update_last_seen and unread', () => {
    it('marks the conversation seen (and seen by the assignee), then unread before the last incoming message', async () => {
      const { account, agent, path, conversation } = await scene();
      const message = await buildMessage(db, { conversation, message: { created_at: Date.now() - 60_000 } });
      const seen = await t.request('POST', `${path}/update_last_seen`, { token: agent.token });
      assert.equal(seen.statusCode, 200);
      assert.deepEqual(Object.keys(seen.json()), CONVERSATION_KEYS);
      assert.equal(seen.json().unread_count, 0);
      let row = await reload(conversation.id);
      assert.notEqual(row.agent_last_seen_at, null);
      assert.equal(row.assignee_last_seen_at, null);
      assert.equal(row.updated_at, conversation.updated_at);
      await db.updateTable('conversations').set({ assignee_id: agent.user.id }).where('id', '=', conversation.id).execute();
      await t.request('POST', `${path}/update_last_seen`, { token: agent.token });
      row = await reload(conversation.id);
      assert.notEqual(row.assignee_last_seen_at, null);
      const unread = await t.request('POST', `${path}/unread`, { token: agent.token });
      assert.equal(unread.statusCode, 200);
      assert.equal(unread.json().unread_count, 1);
      row = await reload(conversation.id);
      assert.equal(row.agent_last_seen_at, message.created_at - 1000);
      assert.equal(row.assignee_last_seen_at, message.created_at - 1000);
      assert.deepEqual(await names(account.id), []);
    });

    it('does not write again within the hour when nothing new arrived', async () => {
      const { agent, path, conversation } = await scene({ agent_last_seen_at: Date.now() - 30 * 60_000 });
      await t.request('POST', `${path}/update_last_seen`, { token: agent.token });
      assert.equal((await reload(conversation.id)).agent_last_seen_at, conversation.agent_last_seen_at);
      await buildMessage(db, { conversation });
      await t.request('POST', `${path}/update_last_seen`, { token: agent.token });
      assert.ok(((await reload(conversation.id)).agent_last_seen_at ?? 0) > (conversation.agent_last_seen_at ?? 0));
    });

    it('refuses bots, and 404s across accounts', async () => {
      const { account, path, conversation } = await scene();
      const { token } = await buildAgentBot(db, env, { account });
      assert.equal((await t.request('POST', `${path}/update_last_seen`, { token })).statusCode, 401);
      const other = await buildAdmin(db, env);
      const cross = await t.request('POST', `${conversationsPath(other.account.id)}/${conversation.display_id}/unread`, { token: other.token });
      assert.equal(cross.statusCode, 404);
    });
  });

  describe('POST mute / unmute', () => {
    it('answers 401 without a token, 404 across accounts, 401 for an agent outside the inbox', async () => {
      const { account, path, conversation } = await scene();
      assert.equal((await t.request('POST', `${path}/mute`)).statusCode, 401);
      const other = await buildAdmin(db, env);
      assert.equal((await t.request('POST', `${conversationsPath(other.account.id)}/${conversation.display_id}/mute`, { token: other.token })).statusCode, 404);
      const outsider = await buildAgent(db, env, { account });
      assert.equal((await t.request('POST', `${path}/mute`, { token: outsider.token })).statusCode, 401);
      assert.equal((await reload(conversation.id)).status, 0);
    });

    it('mute resolves, blocks the contact (muted: true on every conversation of the contact) and records the activity; unmute unblocks', async () => {
      const { account, agent, contact, inbox, path, conversation } = await scene();
      const sibling = await buildConversation(db, { account, inbox, contact });
      const res = await t.request('POST', `${path}/mute`, { token: agent.token });
      assert.equal(res.statusCode, 200);
      assert.equal(res.body, '');
      assert.equal((await reload(conversation.id)).status, 1);
      const blocked = await db.selectFrom('contacts').select('blocked').where('id', '=', contact.id).executeTakeFirstOrThrow();
      assert.equal(blocked.blocked, true);
      const shown = await t.request('GET', path, { token: agent.token });
      assert.equal(shown.json().muted, true);
      assert.equal((await t.request('GET', `${conversationsPath(account.id)}/${sibling.display_id}`, { token: agent.token })).json().muted, true);
      const activity = await db.selectFrom('messages').select(['content', 'message_type', 'sender_type']).where('conversation_id', '=', conversation.id).execute();
      assert.deepEqual(activity, [{ content: `${agent.user.name} has muted the conversation`, message_type: 2, sender_type: null }]);
      const events = await names(account.id);
      assert.ok(events.includes('conversation.status_changed') && events.includes('contact.updated') && events.includes('message.created'), events.join());

      const unmuted = await t.request('POST', `${path}/unmute`, { token: agent.token });
      assert.equal(unmuted.statusCode, 200);
      assert.equal((await t.request('GET', path, { token: agent.token })).json().muted, false);
      assert.equal((await reload(conversation.id)).status, 1, 'unmute leaves the status');
      const last = await db.selectFrom('messages').select('content').where('conversation_id', '=', conversation.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(last.content, `${agent.user.name} has unmuted the conversation`);
    });
  });
});
