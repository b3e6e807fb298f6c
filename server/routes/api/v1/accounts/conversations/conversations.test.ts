import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInboxMember, buildAdmin, buildAgent, buildAgentBot, buildContact, buildInbox, buildMessage } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { buildDesk, CONVERSATION_KEYS, conversationsPath } from './conversations.fixtures.js';

describe('POST /api/v1/accounts/:account_id/conversations', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  it('answers 401 without a token and with a wrong token', async () => {
    const { account, contactInbox } = await buildDesk(db, env);
    const none = await t.request('POST', conversationsPath(account.id), { body: { source_id: contactInbox.source_id } });
    assert.equal(none.statusCode, 401);
    const wrong = await t.request('POST', conversationsPath(account.id), { token: 'nope', body: { source_id: contactInbox.source_id } });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), { error: 'Invalid Access Token' });
  });

  it('creates a conversation from a source_id in Chatwoot shape and records conversation.created', async () => {
    const { account, agent, inbox, contact, contactInbox } = await buildDesk(db, env);
    const res = await t.request('POST', conversationsPath(account.id), {
      token: agent.token, body: { source_id: contactInbox.source_id, additional_attributes: { test: 'test' }, custom_attributes: { plan: 'pro' } },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), CONVERSATION_KEYS);
    assert.deepEqual(Object.keys(body.meta), ['sender', 'channel', 'hmac_verified']);
    assert.equal(body.meta.sender.id, contact.id);
    assert.equal(body.meta.sender.email, contact.email);
    assert.equal(body.meta.channel, 'Channel::Api');
    assert.equal(body.meta.hmac_verified, false);
    const row = await db.selectFrom('conversations').selectAll().where('account_id', '=', account.id).executeTakeFirstOrThrow();
    assert.deepEqual({ ...body, meta: undefined }, {
      meta: undefined, id: 1, messages: [], account_id: account.id, uuid: row.uuid, additional_attributes: { test: 'test' },
      agent_last_seen_at: 0, assignee_last_seen_at: 0, can_reply: true, contact_last_seen_at: 0, custom_attributes: { plan: 'pro' },
      inbox_id: inbox.id, labels: [], muted: false, snoozed_until: null, status: 'open',
      created_at: Math.floor(row.created_at / 1000), updated_at: row.updated_at / 1000, timestamp: Math.floor(row.created_at / 1000),
      first_reply_created_at: 0, unread_count: 0, last_non_activity_message: null, last_activity_at: Math.floor(row.created_at / 1000),
      priority: null, waiting_since: Math.floor(row.created_at / 1000), sla_policy_id: null,
    });
    assert.equal(row.waiting_since, row.created_at);
    assert.equal(row.last_activity_at, row.created_at);
    assert.equal(row.contact_inbox_id, contactInbox.id);
    await t.deps.dispatcher.drain();
    const events = t.events.of(account.id);
    assert.deepEqual(events.map((e) => e.name), ['conversation.created']);
    assert.equal(events[0]?.conversationId, row.id);
    assert.deepEqual(events[0]?.actor, { type: 'User', id: agent.user.id });
  });

  it('creates with contact_id + inbox_id (a new contact inbox), status, assignee, team and a first message', async () => {
    const { account, admin, agent, inbox, contact } = await buildDesk(db, env);
    const team = await db.insertInto('teams').values({ account_id: account.id, name: 'Sales', description: null, allow_auto_assign: true, created_at: 1, updated_at: 1 })
      .returningAll().executeTakeFirstOrThrow();
    await db.insertInto('team_members').values({ team_id: team.id, user_id: agent.user.id, created_at: 1, updated_at: 1 }).execute();
    const res = await t.request('POST', conversationsPath(account.id), {
      token: admin.token,
      body: { contact_id: String(contact.id), inbox_id: inbox.id, status: 'pending', assignee_id: agent.user.id, team_id: team.id, message: { content: 'hi' } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.status, 'pending');
    assert.equal(body.meta.assignee.id, agent.user.id);
    assert.equal(body.meta.assignee.name, agent.user.name);
    assert.equal(body.meta.assignee_type, 'User');
    assert.deepEqual(body.meta.team, { id: team.id, name: 'Sales', description: null, allow_auto_assign: true, account_id: account.id, is_member: false });
    assert.equal(body.messages.length, 1);
    assert.equal(body.messages[0].content, 'hi');
    assert.equal(body.messages[0].message_type, 1);
    assert.equal(body.messages[0].sender.id, admin.user.id);
    assert.equal(body.last_non_activity_message.id, body.messages[0].id);
    const contactInboxes = await db.selectFrom('contact_inboxes').selectAll().where('contact_id', '=', contact.id).execute();
    assert.equal(contactInboxes.length, 2);
    await t.deps.dispatcher.drain();
    const names = t.events.of(account.id).map((e) => e.name);
    assert.deepEqual(names.slice(0, 3), ['conversation.created', 'assignee.changed', 'team.changed']);
    assert.ok(names.includes('message.created'));
  });

  it('drops an assignee who is not in the team; starts resolved for a blocked contact and pending with an active bot', async () => {
    const { account, admin, agent, inbox } = await buildDesk(db, env);
    const team = await db.insertInto('teams').values({ account_id: account.id, name: 'Ops', description: 'd', allow_auto_assign: false, created_at: 1, updated_at: 1 })
      .returningAll().executeTakeFirstOrThrow();
    const blocked = await buildContact(db, { account, contact: { blocked: true } });
    const a = await t.request('POST', conversationsPath(account.id), {
      token: admin.token, body: { contact_id: blocked.id, inbox_id: inbox.id, assignee_id: agent.user.id, team_id: team.id, status: 'open' },
    });
    assert.equal(a.statusCode, 200);
    assert.equal(a.json().status, 'resolved');
    assert.equal(a.json().meta.assignee, undefined);
    assert.equal(a.json().meta.team.id, team.id);
    const { bot } = await buildAgentBot(db, env, { account });
    await db.insertInto('agent_bot_inboxes').values({ account_id: account.id, inbox_id: inbox.id, agent_bot_id: bot.id, status: 0, created_at: 1, updated_at: 1 }).execute();
    const contact = await buildContact(db, { account });
    const b = await t.request('POST', conversationsPath(account.id), { token: admin.token, body: { contact_id: contact.id, inbox_id: inbox.id, status: 'snoozed' } });
    assert.equal(b.json().status, 'pending');
  });

  it('50 conversations created at once get display ids 1..50', async () => {
    const { account, admin, contactInbox } = await buildDesk(db, env);
    const responses = await Promise.all(Array.from({ length: 50 }, () =>
      t.request('POST', conversationsPath(account.id), { token: admin.token, body: { source_id: contactInbox.source_id } })));
    assert.deepEqual(responses.map((r) => r.statusCode), Array(50).fill(200));
    const ids = responses.map((r) => r.json().id as number).sort((x, y) => x - y);
    assert.deepEqual(ids, Array.from({ length: 50 }, (_, i) => i + 1));
    const stored = await db.selectFrom('conversations').select('display_id').where('account_id', '=', account.id).orderBy('display_id').execute();
    assert.deepEqual(stored.map((r) => r.display_id), ids);
  });

  it('returns the latest conversation of the contact inbox when the inbox is locked to a single conversation', async () => {
    const { account, admin, inbox, contactInbox } = await buildDesk(db, env);
    await db.updateTable('inboxes').set({ lock_to_single_conversation: true }).where('id', '=', inbox.id).execute();
    const first = await t.request('POST', conversationsPath(account.id), { token: admin.token, body: { source_id: contactInbox.source_id } });
    const second = await t.request('POST', conversationsPath(account.id), { token: admin.token, body: { source_id: contactInbox.source_id, message: { content: 'again' } } });
    assert.equal(second.statusCode, 200);
    assert.equal(second.json().id, first.json().id);
    assert.equal(second.json().messages[0].content, 'again');
    const count = await db.selectFrom('conversations').select((eb) => eb.fn.countAll().as('n')).where('account_id', '=', account.id).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });

  it('lets a bot of the account create one', async () => {
    const { account, contactInbox } = await buildDesk(db, env);
    const { token } = await buildAgentBot(db, env, { account });
    const res = await t.request('POST', conversationsPath(account.id), { token, body: { source_id: contactInbox.source_id } });
    assert.equal(res.statusCode, 200);
    await t.deps.dispatcher.drain();
    assert.equal(t.events.of(account.id, 'conversation.created')[0]?.actor?.type, 'AgentBot');
  });

  it('answers 401 for an agent outside the inbox, 404 for another account\'s ids, 422 naming bad fields', async () => {
    const { account, contactInbox, inbox, contact } = await buildDesk(db, env);
    const outsider = await buildAgent(db, env, { account });
    const denied = await t.request('POST', conversationsPath(account.id), { token: outsider.token, body: { source_id: contactInbox.source_id } });
    assert.equal(denied.statusCode, 401);
    assert.deepEqual(denied.json(), { error: 'You are not authorized to do this action' });
    const other = await buildDesk(db, env);
    const admin = await buildAdmin(db, env, account);
    for (const body of [
      { source_id: other.contactInbox.source_id },
      { contact_id: other.contact.id, inbox_id: inbox.id },
      { contact_id: contact.id, inbox_id: other.inbox.id },
      { source_id: contactInbox.source_id, team_id: 999999 },
      { source_id: contactInbox.source_id, assignee_id: other.agent.user.id },
      {},
    ]) {
      const res = await t.request('POST', conversationsPath(account.id), { token: admin.token, body });
      assert.equal(res.statusCode, 404, JSON.stringify(body));
      assert.deepEqual(res.json(), { error: 'Resource could not be found' });
    }
    const bad = await t.request('POST', conversationsPath(account.id), { token: admin.token, body: { source_id: contactInbox.source_id, status: 'closed' } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['status']);
    const long = await t.request('POST', conversationsPath(account.id), {
      token: admin.token, body: { source_id: contactInbox.source_id, custom_attributes: { note: 'x'.repeat(1501) } },
    });
    assert.equal(long.statusCode, 422);
    assert.deepEqual(long.json(), { message: 'Custom attributes note length should be < 1500', attributes: ['custom_attributes'] });
    const stranger = await buildContact(db, { account });
    const taken = await t.request('POST', conversationsPath(account.id), {
      token: admin.token, body: { contact_id: stranger.id, inbox_id: inbox.id, source_id: contactInbox.source_id },
    });
    assert.equal(taken.statusCode, 422);
    assert.deepEqual(taken.json(), { error: 'source_id should be unique' });
    const rows = await db.selectFrom('conversations').select('id').where('account_id', '=', account.id).execute();
    assert.equal(rows.length, 0);
  });

  it('keeps no partial write when the first message fails', async () => {
    const { account, admin, contactInbox } = await buildDesk(db, env);
    const res = await t.request('POST', conversationsPath(account.id), {
      token: admin.token, body: { source_id: contactInbox.source_id, message: { content: 'x'.repeat(150_001) } },
    });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json().attributes, ['message.content']);
    const rows = await db.selectFrom('conversations').select('id').where('account_id', '=', account.id).execute();
    assert.equal(rows.length, 0);
  });
});

describe('GET /api/v1/accounts/:account_id/conversations/:id and PATCH', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  const create = async (token: string, accountId: number, sourceId: string) =>
    (await t.request('POST', conversationsPath(accountId), { token, body: { source_id: sourceId } })).json();

  it('shows a conversation to an admin and an inbox member, 401 to an agent outside it, 404 across accounts', async () => {
    const { account, admin, agent, contactInbox } = await buildDesk(db, env);
    const created = await create(admin.token, account.id, contactInbox.source_id);
    const outsider = await buildAgent(db, env, { account });
    const denied = await t.request('GET', `${conversationsPath(account.id)}/${created.id}`, { token: outsider.token });
    assert.equal(denied.statusCode, 401);
    assert.deepEqual(denied.json(), { error: 'You are not authorized to do this action' });
    const shown = await t.request('GET', `${conversationsPath(account.id)}/${created.id}`, { token: agent.token });
    assert.equal(shown.statusCode, 200);
    assert.deepEqual(shown.json(), created);
    const other = await buildAdmin(db, env);
    const cross = await t.request('GET', `${conversationsPath(other.account.id)}/${created.id}`, { token: other.token });
    assert.equal(cross.statusCode, 404);
    const missing = await t.request('GET', `${conversationsPath(account.id)}/99999`, { token: admin.token });
    assert.equal(missing.statusCode, 404);
    const none = await t.request('GET', `${conversationsPath(account.id)}/${created.id}`);
    assert.equal(none.statusCode, 401);
  });

  it('shows the latest message of any kind, the latest non-activity one, and caps unread_count at 10', async () => {
    const { account, admin, contactInbox } = await buildDesk(db, env);
    const created = await create(admin.token, account.id, contactInbox.source_id);
    const row = await db.selectFrom('conversations').selectAll().where('account_id', '=', account.id).where('display_id', '=', created.id).executeTakeFirstOrThrow();
    for (let i = 0; i < 12; i += 1) {
      await buildMessage(db, { conversation: row });
    }
    const incoming = await buildMessage(db, { conversation: row, message: { content: 'last words' } });
    const activity = await buildMessage(db, { conversation: row, message: { message_type: 2, content: 'Conversation was marked resolved', sender_type: null, sender_id: null } });
    const res = (await t.request('GET', `${conversationsPath(account.id)}/${created.id}`, { token: admin.token })).json();
    assert.equal(res.unread_count, 10);
    assert.equal(res.messages.length, 1);
    assert.equal(res.messages[0].id, activity.id);
    assert.equal(res.messages[0].conversation_id, created.id);
    assert.deepEqual(res.messages[0].conversation, {
      assignee_id: null, unread_count: 10, last_activity_at: Math.floor(row.last_activity_at / 1000), contact_inbox: { source_id: contactInbox.source_id },
    });
    assert.equal(res.last_non_activity_message.id, incoming.id);
    assert.equal(res.last_non_activity_message.sender.type, 'contact');
  });

  it('updates the priority only, records conversation.updated, and 422s an unknown priority', async () => {
    const { account, agent, admin, contactInbox } = await buildDesk(db, env);
    const created = await create(admin.token, account.id, contactInbox.source_id);
    const res = await t.request('PATCH', `${conversationsPath(account.id)}/${created.id}`, { token: agent.token, body: { priority: 'high', status: 'resolved' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().priority, 'high');
    assert.equal(res.json().status, 'open');
    await t.deps.dispatcher.drain();
    const updated = t.events.of(account.id, 'conversation.updated');
    assert.equal(updated.length, 1);
    assert.deepEqual(updated[0]?.changes?.priority, [null, 'high']);
    const bad = await t.request('PATCH', `${conversationsPath(account.id)}/${created.id}`, { token: agent.token, body: { priority: 'asap' } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['priority']);
    const outsider = await buildAgent(db, env, { account });
    const denied = await t.request('PATCH', `${conversationsPath(account.id)}/${created.id}`, { token: outsider.token, body: { priority: 'low' } });
    assert.equal(denied.statusCode, 401);
  });

  it('lets an inbox member who joined later see it', async () => {
    const { account, admin, inbox, contactInbox } = await buildDesk(db, env);
    const created = await create(admin.token, account.id, contactInbox.source_id);
    const later = await buildAgent(db, env, { account });
    await addInboxMember(db, inbox.id, later.user.id);
    const res = await t.request('GET', `${conversationsPath(account.id)}/${created.id}`, { token: later.token });
    assert.equal(res.statusCode, 200);
    const { inbox: elsewhere } = await buildInbox(db, { account });
    assert.notEqual(elsewhere.id, inbox.id);
  });
});
