import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdmin, buildAgent, buildContact, buildContactInbox, buildInbox, addInboxMember } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { signatureValid, startReceiver } from '../test/receiver.js';

describe('agent bots: events at outgoing_url, acting with the bot token, handoff', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const receiver = await startReceiver();

  it('starts conversations pending, sends the bot its events signed, and hands off when the bot opens it', async () => {
    const admin = await buildAdmin(db, t.deps.env);
    const account = admin.account;
    const { inbox } = await buildInbox(db, { account });
    const agent = await buildAgent(db, t.deps.env, { account });
    await addInboxMember(db, inbox.id, agent.user.id);
    const api = (token: string, method: string, path: string, body?: unknown) => t.request(method, `/api/v1/accounts/${account.id}${path}`, { token, body });
    const created = await api(admin.token, 'POST', '/agent_bots', { name: 'Triage', outgoing_url: receiver.url('/bot') });
    const bot = created.json() as { id: number; access_token: string; secret: string };
    assert.equal((await api(admin.token, 'POST', `/inboxes/${inbox.id}/set_agent_bot`, { agent_bot: bot.id })).statusCode, 200);

    const contact = await buildContact(db, { account });
    const contactInbox = await buildContactInbox(db, { contact, inbox });
    const conversation = await api(admin.token, 'POST', '/conversations', { inbox_id: inbox.id, contact_id: contact.id, source_id: contactInbox.source_id });
    assert.equal(conversation.json().status, 'pending');
    const displayId = conversation.json().id as number;
    const incoming = await api(admin.token, 'POST', `/conversations/${displayId}/messages`, { content: 'I need help', message_type: 'incoming' });
    assert.equal(incoming.statusCode, 200, incoming.body);
    await t.settle();
    const first = receiver.at('/bot', 'message_created');
    assert.equal(first.length, 1);
    assert.ok(signatureValid(first[0], bot.secret));
    assert.equal(first[0].body.message_type, 'incoming');
    assert.equal(first[0].body.content, 'I need help');

    const reply = await api(bot.access_token, 'POST', `/conversations/${displayId}/messages`, {
      content: 'Pick one', content_type: 'input_select',
      content_attributes: { items: [{ title: 'Sales', value: 'sales' }, { title: 'Support', value: 'support' }] },
    });
    assert.equal(reply.statusCode, 200, reply.body);
    assert.equal(reply.json().sender.type, 'agent_bot');
    const handoff = await api(bot.access_token, 'POST', `/conversations/${displayId}/toggle_status`, { status: 'open' });
    assert.equal(handoff.statusCode, 200, handoff.body);
    assert.equal(handoff.json().payload.current_status, 'open');
    const denied = await api(bot.access_token, 'GET', '/webhooks');
    assert.equal(denied.statusCode, 401, 'a bot cannot do admin operations');
    await t.settle();

    const events = receiver.at('/bot').map((r) => r.body.event);
    assert.ok(events.includes('conversation_opened'));
    assert.ok(events.includes('conversation_status_changed'));
    const own = receiver.at('/bot', 'message_created').map((r) => r.body);
    assert.equal(own.length, 2, 'the bot hears its own message too');
    assert.deepEqual(own[1].sender, { id: bot.id, name: 'Triage', type: 'agent_bot' });
    assert.equal(own[1].content_type, 'input_select');
    const opened = receiver.at('/bot', 'conversation_opened')[0].body;
    assert.equal(opened.status, 'open');

    const back = await api(agent.token, 'POST', `/conversations/${displayId}/toggle_status`, { status: 'pending' });
    assert.equal(back.json().payload.current_status, 'pending', 'an agent can send the conversation back to the bot');
    await t.settle();
    const changed = receiver.at('/bot', 'conversation_status_changed').map((r) => r.body.changed_attributes);
    assert.deepEqual(changed.at(-1), [{ status: { previous_value: 'open', current_value: 'pending' } }]);
  });

  it('opens a pending conversation when its bot refuses a message event', async () => {
    const admin = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account: admin.account });
    const api = (method: string, path: string, body?: unknown) => t.request(method, `/api/v1/accounts/${admin.account.id}${path}`, { token: admin.token, body });
    const bot = (await api('POST', '/agent_bots', { name: 'Broken', outgoing_url: receiver.url('/broken') })).json();
    await api('POST', `/inboxes/${inbox.id}/set_agent_bot`, { agent_bot: bot.id });
    const contact = await buildContact(db, { account: admin.account });
    const contactInbox = await buildContactInbox(db, { contact, inbox });
    const conversation = (await api('POST', '/conversations', { inbox_id: inbox.id, contact_id: contact.id, source_id: contactInbox.source_id })).json();
    assert.equal(conversation.status, 'pending');
    await t.settle();
    receiver.respondWith(400);
    await api('POST', `/conversations/${conversation.id}/messages`, { content: 'hello?', message_type: 'incoming' });
    await t.settle();
    const shown = await api('GET', `/conversations/${conversation.id}`);
    assert.equal(shown.json().status, 'open');
  });

  it('sends nothing to a bot without an outgoing_url, nor to a detached bot', async () => {
    const admin = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account: admin.account });
    const api = (method: string, path: string, body?: unknown) => t.request(method, `/api/v1/accounts/${admin.account.id}${path}`, { token: admin.token, body });
    const bot = (await api('POST', '/agent_bots', { name: 'Quiet', outgoing_url: receiver.url('/detached') })).json();
    await api('POST', `/inboxes/${inbox.id}/set_agent_bot`, { agent_bot: bot.id });
    await api('POST', `/inboxes/${inbox.id}/set_agent_bot`, {});
    const contact = await buildContact(db, { account: admin.account });
    const contactInbox = await buildContactInbox(db, { contact, inbox });
    const conversation = await api('POST', '/conversations', { inbox_id: inbox.id, contact_id: contact.id, source_id: contactInbox.source_id });
    assert.equal(conversation.json().status, 'open');
    await api('POST', `/conversations/${conversation.json().id}/messages`, { content: 'hi', message_type: 'incoming' });
    await t.settle();
    assert.equal(receiver.at('/detached').length, 0);
  });
});
