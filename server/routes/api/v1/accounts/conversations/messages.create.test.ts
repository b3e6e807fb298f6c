import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAgentBot, buildMessage } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { buildMessagesWorld } from './messages.fixtures.js';

const MESSAGE_KEYS = ['id', 'content', 'inbox_id', 'conversation_id', 'message_type', 'content_type', 'status', 'content_attributes', 'created_at', 'private', 'source_id', 'sender'];
const USER_SENDER_KEYS = ['id', 'name', 'available_name', 'avatar_url', 'type', 'availability_status', 'thumbnail'];

describe('POST /api/v1/accounts/:account_id/conversations/:conversation_id/messages', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const count = async (conversationId: number) => Number((await db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n'))
    .where('conversation_id', '=', conversationId).executeTakeFirstOrThrow()).n);
  const conversationRow = (id: number) => db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const eventsOf = async (accountId: number, name: Parameters<typeof t.events.of>[1]) => {
    await t.deps.dispatcher.drain();
    return t.events.of(accountId, name);
  };

  it('answers 401 without a token and with a wrong one', async () => {
    const w = await buildMessagesWorld(t);
    const none = await t.request('POST', w.url, { body: { content: 'hi' } });
    assert.equal(none.statusCode, 401);
    assert.deepEqual(none.json(), { errors: ['You need to sign in or sign up before continuing.'] });
    const wrong = await t.request('POST', w.url, { token: 'nope', body: { content: 'hi' } });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), { error: 'Invalid Access Token' });
  });

  it("answers 404 for another account's conversation and for an unknown display id", async () => {
    const w = await buildMessagesWorld(t);
    const other = await buildMessagesWorld(t);
    const res = await t.request('POST', `/api/v1/accounts/${w.account.id}/conversations/${other.conversation.display_id + 1000}/messages`, { token: w.adminToken, body: { content: 'hi' } });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { error: 'Resource could not be found' });
    const cross = await t.request('POST', `/api/v1/accounts/${other.account.id}/conversations/${other.conversation.display_id}/messages`, { token: w.adminToken, body: { content: 'hi' } });
    assert.equal(cross.statusCode, 401);
    assert.equal(await count(other.conversation.id), 0);
  });

  it('refuses an agent who is not a member of the inbox with 401 and writes nothing', async () => {
    const w = await buildMessagesWorld(t);
    const res = await t.request('POST', w.url, { token: w.outsiderToken, body: { content: 'hi' } });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(res.json(), { error: 'You are not authorized to do this action' });
    assert.equal(await count(w.conversation.id), 0);
  });

  it('names the field on bad input and writes nothing', async () => {
    const w = await buildMessagesWorld(t);
    const long = await t.request('POST', w.url, { token: w.agentToken, body: { content: `${'h'.repeat(150_000)}a` } });
    assert.equal(long.statusCode, 422);
    assert.deepEqual(long.json(), { message: 'Content is too long (maximum is 150000 characters)', attributes: ['content'] });
    const badType = await t.request('POST', w.url, { token: w.agentToken, body: { content: 'x', message_type: 'sideways' } });
    assert.equal(badType.statusCode, 422);
    assert.deepEqual(badType.json().attributes, ['message_type']);
    const badContentType = await t.request('POST', w.url, { token: w.agentToken, body: { content: 'x', content_type: 'poem' } });
    assert.deepEqual(badContentType.json().attributes, ['content_type']);
    const noItems = await t.request('POST', w.url, { token: w.agentToken, body: { content_type: 'input_select', content_attributes: {} } });
    assert.equal(noItems.statusCode, 422);
    assert.deepEqual(noItems.json(), { error: 'Validation failed: Content attributes At least one item is required.', attributes: ['content_attributes'] });
    const badKeys = await t.request('POST', w.url, { token: w.agentToken, body: { content_type: 'input_select', content_attributes: { items: [{ title: 'a', value: 'a', colour: 'red' }] } } });
    assert.equal(badKeys.json().error, 'Validation failed: Content attributes contains invalid keys for items : [:colour]');
    const hugeSender = await t.request('POST', w.url, { token: w.agentToken, body: { content: 'x', sender_type: 'AgentBot', sender_id: 99999999999 } });
    assert.equal(hugeSender.statusCode, 422);
    assert.deepEqual(hugeSender.json().attributes, ['sender_id']);
    assert.equal(await count(w.conversation.id), 0);
  });

  it('refuses incoming messages outside API inboxes with Chatwoot\'s error', async () => {
    const w = await buildMessagesWorld(t, { channelType: 'Channel::WebWidget' });
    const res = await t.request('POST', w.url, { token: w.agentToken, body: { content: 'hi', message_type: 'incoming' } });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json(), { error: 'Incoming messages are only allowed in Api inboxes' });
    assert.equal(await count(w.conversation.id), 0);
  });

  it('creates an outgoing message from the calling agent, in Chatwoot shape, and moves last_activity_at', async () => {
    const w = await buildMessagesWorld(t, { conversation: { last_activity_at: 1_000, waiting_since: null } });
    const res = await t.request('POST', w.url, { token: w.agentToken, body: { content: 'Hello there', echo_id: 'tmp-1' } });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), ['id', 'content', 'inbox_id', 'echo_id', 'conversation_id', 'message_type', 'content_type', 'status', 'content_attributes', 'created_at', 'private', 'source_id', 'sender']);
    assert.equal(body.content, 'Hello there');
    assert.equal(body.inbox_id, w.inbox.id);
    assert.equal(body.echo_id, 'tmp-1');
    assert.equal(body.conversation_id, w.conversation.display_id);
    assert.equal(body.message_type, 1);
    assert.equal(body.content_type, 'text');
    assert.equal(body.status, 'sent');
    assert.deepEqual(body.content_attributes, {});
    assert.equal(typeof body.created_at, 'number');
    assert.ok(Math.abs(body.created_at - Date.now() / 1000) < 60);
    assert.equal(body.private, false);
    assert.equal(body.source_id, null);
    assert.deepEqual(Object.keys(body.sender), USER_SENDER_KEYS);
    assert.equal(body.sender.id, w.agentId);
    assert.equal(body.sender.type, 'user');
    const row = await db.selectFrom('messages').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    assert.equal(row.sender_type, 'User');
    assert.equal(row.processed_message_content, 'Hello there');
    const conversation = await conversationRow(w.conversation.id);
    assert.equal(conversation.last_activity_at, row.created_at);
    assert.ok(conversation.updated_at >= row.created_at);
    const created = await eventsOf(w.account.id, 'message.created');
    assert.equal(created.length, 1);
    assert.equal(created[0].messageId, body.id);
    assert.equal(created[0].conversationId, w.conversation.id);
    assert.deepEqual(created[0].actor, { type: 'User', id: w.agentId });
  });

  it('stores a private note without touching the reply times', async () => {
    const w = await buildMessagesWorld(t);
    const res = await t.request('POST', w.url, { token: w.agentToken, body: { content: 'internal', private: true } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().private, true);
    assert.equal(res.json().message_type, 1);
    const conversation = await conversationRow(w.conversation.id);
    assert.equal(conversation.first_reply_created_at, null);
    assert.equal(conversation.waiting_since, w.conversation.waiting_since);
    assert.equal((await eventsOf(w.account.id, 'first.reply.created')).length, 0);
    assert.equal((await eventsOf(w.account.id, 'message.created')).length, 1);
  });

  it('takes an incoming message in an API inbox from the contact and starts the wait', async () => {
    const w = await buildMessagesWorld(t, { conversation: { waiting_since: null } });
    const res = await t.request('POST', w.url, {
      token: w.agentToken, body: { content: 'I need help', message_type: 'incoming', source_id: 'ext-1', content_attributes: '{"external_created_at":"x","in_reply_to":null}' },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.message_type, 0);
    assert.equal(body.source_id, 'ext-1');
    assert.deepEqual(body.content_attributes, { external_created_at: 'x', in_reply_to: null });
    assert.deepEqual(Object.keys(body.sender), ['additional_attributes', 'custom_attributes', 'email', 'id', 'identifier', 'name', 'phone_number', 'thumbnail', 'blocked', 'type']);
    assert.equal(body.sender.id, w.contact.id);
    assert.equal(body.sender.type, 'contact');
    const row = await db.selectFrom('messages').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    const conversation = await conversationRow(w.conversation.id);
    assert.equal(conversation.waiting_since, row.created_at);
    const contact = await db.selectFrom('contacts').selectAll().where('id', '=', w.contact.id).executeTakeFirstOrThrow();
    assert.ok(contact.last_activity_at !== null && contact.last_activity_at >= row.created_at);
    const updated = await eventsOf(w.account.id, 'conversation.updated');
    assert.equal(updated.length, 1);
    assert.deepEqual(Object.keys(updated[0].changes ?? {}).sort(), ['updated_at', 'waiting_since']);
    const contactUpdated = await eventsOf(w.account.id, 'contact.updated');
    assert.equal(contactUpdated.length, 1);
    assert.equal(contactUpdated[0].contactId, w.contact.id);
  });

  it('sets first_reply_created_at on the first human reply and records first.reply.created once, then reply.created', async () => {
    const w = await buildMessagesWorld(t);
    await buildMessage(db, { conversation: w.conversation });
    const first = await t.request('POST', w.url, { token: w.agentToken, body: { content: 'first' } });
    const firstRow = await db.selectFrom('messages').selectAll().where('id', '=', first.json().id).executeTakeFirstOrThrow();
    let conversation = await conversationRow(w.conversation.id);
    assert.equal(conversation.first_reply_created_at, firstRow.created_at);
    assert.equal(conversation.waiting_since, null);
    await t.request('POST', w.url, { token: w.agentToken, body: { content: 'second' } });
    const firstReplies = await eventsOf(w.account.id, 'first.reply.created');
    assert.equal(firstReplies.length, 1);
    assert.equal(firstReplies[0].messageId, first.json().id);
    assert.equal((await eventsOf(w.account.id, 'reply.created')).length, 0);

    const incoming = await t.request('POST', w.url, { token: w.agentToken, body: { content: 'more?', message_type: 'incoming' } });
    const incomingRow = await db.selectFrom('messages').selectAll().where('id', '=', incoming.json().id).executeTakeFirstOrThrow();
    conversation = await conversationRow(w.conversation.id);
    assert.equal(conversation.waiting_since, incomingRow.created_at);
    const answer = await t.request('POST', w.url, { token: w.adminToken, body: { content: 'yes' } });
    assert.equal(answer.statusCode, 200);
    const replies = await eventsOf(w.account.id, 'reply.created');
    assert.equal(replies.length, 1);
    assert.deepEqual(replies[0].data, { waiting_since: incomingRow.created_at });
    assert.equal((await conversationRow(w.conversation.id)).waiting_since, null);
    assert.equal((await eventsOf(w.account.id, 'first.reply.created')).length, 1);
  });

  it('reopens a resolved conversation on an incoming message, as the contact in an API inbox', async () => {
    const w = await buildMessagesWorld(t, { conversation: { status: 1 } });
    const res = await t.request('POST', w.url, { token: w.agentToken, body: { content: 'back again', message_type: 'incoming' } });
    assert.equal(res.statusCode, 200);
    assert.equal((await conversationRow(w.conversation.id)).status, 0);
    const changed = await eventsOf(w.account.id, 'conversation.status_changed');
    assert.equal(changed.length, 1);
    assert.deepEqual(changed[0].changes?.status, ['resolved', 'open']);
    assert.deepEqual(changed[0].actor, { type: 'Contact', id: w.contact.id });
    const names = (await eventsOf(w.account.id, undefined)).map((e) => e.name);
    assert.ok(names.indexOf('conversation.status_changed') < names.indexOf('message.created'));
  });

  it('reopens to pending when the inbox has an active bot, opens a snoozed one, and leaves a blocked contact resolved', async () => {
    const withBot = await buildMessagesWorld(t, { conversation: { status: 1 } });
    const { bot } = await buildAgentBot(db, t.deps.env, { account: withBot.account });
    await db.insertInto('agent_bot_inboxes').values({ account_id: withBot.account.id, inbox_id: withBot.inbox.id, agent_bot_id: bot.id, status: 0, created_at: Date.now(), updated_at: Date.now() }).execute();
    await t.request('POST', withBot.url, { token: withBot.agentToken, body: { content: 'hi', message_type: 'incoming' } });
    assert.equal((await conversationRow(withBot.conversation.id)).status, 2);

    const snoozed = await buildMessagesWorld(t, { conversation: { status: 3, snoozed_until: Date.now() + 3_600_000 } });
    await t.request('POST', snoozed.url, { token: snoozed.agentToken, body: { content: 'hi', message_type: 'incoming' } });
    const reopened = await conversationRow(snoozed.conversation.id);
    assert.equal(reopened.status, 0);
    assert.equal(reopened.snoozed_until, null);

    const blocked = await buildMessagesWorld(t, { conversation: { status: 1 } });
    await db.updateTable('contacts').set({ blocked: true }).where('id', '=', blocked.contact.id).execute();
    const res = await t.request('POST', blocked.url, { token: blocked.agentToken, body: { content: 'hi', message_type: 'incoming' } });
    assert.equal(res.statusCode, 200);
    assert.equal((await conversationRow(blocked.conversation.id)).status, 1);
    assert.equal((await eventsOf(blocked.account.id, 'conversation.status_changed')).length, 0);
  });

  it('lets an agent bot post as itself, and an agent post as a named bot', async () => {
    const w = await buildMessagesWorld(t);
    const { bot, token } = await buildAgentBot(db, t.deps.env, { account: w.account });
    const res = await t.request('POST', w.url, { token, body: { content_type: 'input_select', content_attributes: { items: [{ title: 'Yes', value: 'yes' }] } } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().content, null);
    assert.equal(res.json().content_type, 'input_select');
    assert.deepEqual(res.json().sender, { id: bot.id, name: bot.name, avatar_url: '', type: 'agent_bot' });
    const stamp = new Date().toUTCString();
    const asBot = await t.request('POST', w.url, { token: w.agentToken, body: { content: 'hi', sender_type: 'AgentBot', sender_id: bot.id, external_created_at: stamp } });
    assert.equal(asBot.json().sender.type, 'agent_bot');
    assert.equal(asBot.json().content_attributes.external_created_at, stamp);
    assert.equal((await conversationRow(w.conversation.id)).first_reply_created_at, null);
    const other = await buildAgentBot(db, t.deps.env, {});
    const foreign = await t.request('GET', w.url, { token: other.token });
    assert.equal(foreign.statusCode, 401);
  });

  it('returns the already delivered message on a retry with the same source_id or echo_id, writing nothing', async () => {
    const w = await buildMessagesWorld(t);
    const body = { content: 'once', message_type: 'incoming', source_id: 'wamid.1' };
    const first = await t.request('POST', w.url, { token: w.agentToken, body });
    const retry = await t.request('POST', w.url, { token: w.agentToken, body: { ...body, content: 'changed' } });
    assert.equal(first.statusCode, 200);
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.json().id, first.json().id);
    assert.equal(retry.json().content, 'once');
    const echo = await t.request('POST', w.url, { token: w.agentToken, body: { content: 'a', echo_id: 'e-1' } });
    const echoAgain = await t.request('POST', w.url, { token: w.agentToken, body: { content: 'a', echo_id: 'e-1' } });
    assert.equal(echoAgain.json().id, echo.json().id);
    assert.equal(await count(w.conversation.id), 2);
    assert.equal((await eventsOf(w.account.id, 'message.created')).length, 2);
    const elsewhere = await buildMessagesWorld(t);
    const sameIdOtherConversation = await t.request('POST', elsewhere.url, { token: elsewhere.agentToken, body });
    assert.notEqual(sameIdOtherConversation.json().id, first.json().id);
  });

  it('creates one message for concurrent duplicates', async () => {
    const w = await buildMessagesWorld(t);
    const body = { content: 'race', message_type: 'incoming', source_id: 'race-1' };
    const responses = await Promise.all(Array.from({ length: 6 }, () => t.request('POST', w.url, { token: w.agentToken, body })));
    assert.deepEqual(responses.map((r) => r.statusCode), [200, 200, 200, 200, 200, 200]);
    assert.equal(new Set(responses.map((r) => r.json().id)).size, 1);
    assert.equal(await count(w.conversation.id), 1);
    assert.equal((await eventsOf(w.account.id, 'message.created')).length, 1);
  });
});
