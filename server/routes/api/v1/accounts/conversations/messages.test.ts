import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAgentBot, buildMessage } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { buildMessagesWorld } from './messages.fixtures.js';

describe('GET, PATCH and DELETE conversation messages', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const eventsOf = async (accountId: number, name: Parameters<typeof t.events.of>[1]) => {
    await t.deps.dispatcher.drain();
    return t.events.of(accountId, name);
  };

  describe('GET …/messages', () => {
    it('answers 401 without a token, 404 across accounts, 401 for an agent outside the inbox and for bots', async () => {
      const w = await buildMessagesWorld(t);
      assert.equal((await t.request('GET', w.url)).statusCode, 401);
      assert.equal((await t.request('GET', w.url, { token: 'nope' })).statusCode, 401);
      const other = await buildMessagesWorld(t);
      const cross = await t.request('GET', `/api/v1/accounts/${w.account.id}/conversations/${other.conversation.display_id + 5000}/messages`, { token: w.adminToken });
      assert.equal(cross.statusCode, 404);
      assert.deepEqual(cross.json(), { error: 'Resource could not be found' });
      const outsider = await t.request('GET', w.url, { token: w.outsiderToken });
      assert.equal(outsider.statusCode, 401);
      assert.deepEqual(outsider.json(), { error: 'You are not authorized to do this action' });
      const { token } = await buildAgentBot(db, t.deps.env, { account: w.account });
      const bot = await t.request('GET', w.url, { token });
      assert.deepEqual(bot.json(), { error: 'Access to this endpoint is not authorized for bots' });
      const bad = await t.request('GET', `${w.url}?before=soon`, { token: w.agentToken });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().attributes, ['before']);
    });

    it('shows the meta of the conversation and the messages, private notes included', async () => {
      const w = await buildMessagesWorld(t, { conversation: { cached_label_list: 'billing, vip', additional_attributes: { browser: 'x' }, agent_last_seen_at: Date.UTC(2026, 0, 1, 10) } });
      await db.updateTable('conversations').set({ assignee_id: w.agentId }).where('id', '=', w.conversation.id).execute();
      const incoming = await buildMessage(db, { conversation: w.conversation });
      const note = await buildMessage(db, { conversation: w.conversation, message: { message_type: 1, private: true, sender_type: 'User', sender_id: w.agentId, content: 'note' } });
      const res = await t.request('GET', w.url, { token: w.agentToken });
      assert.equal(res.statusCode, 200);
      const { meta, payload } = res.json();
      assert.deepEqual(Object.keys(meta), ['labels', 'additional_attributes', 'contact', 'assignee', 'agent_last_seen_at', 'assignee_last_seen_at']);
      assert.deepEqual(meta.labels, ['billing', 'vip']);
      assert.deepEqual(meta.additional_attributes, { browser: 'x' });
      assert.equal(meta.contact.id, w.contact.id);
      assert.equal(meta.contact.type, 'contact');
      assert.equal(meta.assignee.id, w.agentId);
      assert.equal(meta.assignee.type, 'user');
      assert.equal(meta.agent_last_seen_at, '2026-01-01T10:00:00.000Z');
      assert.equal(meta.assignee_last_seen_at, null);
      assert.deepEqual(payload.map((m: { id: number }) => m.id), [incoming.id, note.id]);
      assert.equal(payload[1].private, true);
      assert.equal(payload[0].sender.type, 'contact');
      assert.equal(payload[1].sender.id, w.agentId);
      const unassigned = await buildMessagesWorld(t);
      const plain = await t.request('GET', unassigned.url, { token: unassigned.adminToken });
      assert.deepEqual(Object.keys(plain.json().meta), ['labels', 'additional_attributes', 'contact', 'agent_last_seen_at', 'assignee_last_seen_at']);
      assert.deepEqual(plain.json().payload, []);
      const filtered = await t.request('GET', `${w.url}?filter_internal_messages=true`, { token: w.agentToken });
      assert.deepEqual(filtered.json().payload.map((m: { id: number }) => m.id), [incoming.id]);
    });

    it('pages by cursor over 45 messages: latest 20, 20 before, up to 100 after, and the [after, before) range', async () => {
      const w = await buildMessagesWorld(t);
      const ids: number[] = [];
      for (let i = 0; i < 45; i += 1) {
        ids.push((await buildMessage(db, { conversation: w.conversation, message: { content: `m${i}`, created_at: 1_700_000_000_000 + i * 1000 } })).id);
      }
      const page = async (query: string) => {
        const res = await t.request('GET', `${w.url}${query}`, { token: w.agentToken });
        assert.equal(res.statusCode, 200);
        return res.json().payload.map((m: { id: number }) => m.id) as number[];
      };
      assert.deepEqual(await page(''), ids.slice(25));
      assert.deepEqual(await page(`?before=${ids[25]}`), ids.slice(5, 25));
      assert.deepEqual(await page(`?before=${ids[5]}`), ids.slice(0, 5));
      assert.deepEqual(await page(`?after=${ids[9]}`), ids.slice(10));
      assert.deepEqual(await page(`?after=${ids[44]}`), []);
      assert.deepEqual(await page(`?after=${ids[3]}&before=${ids[8]}`), ids.slice(3, 8));
      assert.deepEqual(await page('?before=99999999999'), ids.slice(25));
      assert.deepEqual(await page('?after=99999999999'), []);
      const created = (await t.request('GET', w.url, { token: w.agentToken })).json().payload[0].created_at;
      assert.equal(created, 1_700_000_025);
    });
  });

  describe('PATCH …/messages/:id', () => {
    it('answers 401 without a token, 403 outside API inboxes, 404 for a message of another conversation', async () => {
      const web = await buildMessagesWorld(t, { channelType: 'Channel::WebWidget' });
      const webMessage = await buildMessage(db, { conversation: web.conversation });
      assert.equal((await t.request('PATCH', `${web.url}/${webMessage.id}`, { body: { status: 'read' } })).statusCode, 401);
      const res = await t.request('PATCH', `${web.url}/${webMessage.id}`, { token: web.agentToken, body: { status: 'read' } });
      assert.equal(res.statusCode, 403);
      assert.deepEqual(res.json(), { error: 'Message status update is only allowed for API inboxes' });
      const w = await buildMessagesWorld(t);
      const missing = await t.request('PATCH', `${w.url}/${webMessage.id}`, { token: w.agentToken, body: { status: 'read' } });
      assert.equal(missing.statusCode, 404);
      const outsider = await t.request('PATCH', `${w.url}/${webMessage.id}`, { token: w.outsiderToken, body: { status: 'read' } });
      assert.equal(outsider.statusCode, 401);
    });

    it('sets the delivery status, keeps external_error only for failed, and records message.updated', async () => {
      const w = await buildMessagesWorld(t);
      const message = await buildMessage(db, { conversation: w.conversation, message: { message_type: 1, sender_type: 'User', sender_id: w.agentId } });
      const url = `${w.url}/${message.id}`;
      const invalid = await t.request('PATCH', url, { token: w.agentToken, body: { status: 'lost' } });
      assert.equal(invalid.statusCode, 422);
      assert.deepEqual(invalid.json().attributes, ['status']);
      const failed = await t.request('PATCH', url, { token: w.agentToken, body: { status: 'failed', external_error: 'err123' } });
      assert.equal(failed.statusCode, 200);
      assert.equal(failed.json().id, message.id);
      assert.equal(failed.json().status, 'failed');
      assert.deepEqual(failed.json().content_attributes, { external_error: 'err123' });
      const read = await t.request('PATCH', url, { token: w.agentToken, body: { status: 'read', external_error: 'ignored' } });
      assert.equal(read.json().status, 'read');
      assert.deepEqual(read.json().content_attributes, { external_error: null });
      const back = await t.request('PATCH', url, { token: w.agentToken, body: { status: 'delivered' } });
      assert.equal(back.json().status, 'read');
      const updates = await eventsOf(w.account.id, 'message.updated');
      assert.equal(updates.length, 2);
      assert.deepEqual(updates[0].changes?.status, ['sent', 'failed']);
      assert.deepEqual(updates[1].changes?.status, ['failed', 'read']);
      assert.equal(updates[0].messageId, message.id);
    });
  });

  describe('DELETE …/messages/:id', () => {
    it('answers 401 without a token, 404 for an unknown message, 401 for an agent outside the inbox', async () => {
      const w = await buildMessagesWorld(t);
      const message = await buildMessage(db, { conversation: w.conversation });
      assert.equal((await t.request('DELETE', `${w.url}/${message.id}`)).statusCode, 401);
      assert.equal((await t.request('DELETE', `${w.url}/99999999`, { token: w.agentToken })).statusCode, 404);
      assert.equal((await t.request('DELETE', `${w.url}/99999999999`, { token: w.agentToken })).statusCode, 404);
      const huge = `/api/v1/accounts/${w.account.id}/conversations/99999999999/messages`;
      assert.equal((await t.request('DELETE', `${huge}/1`, { token: w.agentToken })).statusCode, 404);
      assert.equal((await t.request('DELETE', `${w.url}/${message.id}`, { token: w.outsiderToken })).statusCode, 401);
      const other = await buildMessagesWorld(t);
      const cross = await t.request('DELETE', `${other.url}/${message.id}`, { token: w.adminToken });
      assert.equal(cross.statusCode, 401);
    });

    it('soft-deletes: the content says so, content_attributes only {deleted: true}, and message.updated is recorded', async () => {
      const w = await buildMessagesWorld(t);
      const message = await buildMessage(db, { conversation: w.conversation, message: { content_type: 4, content_attributes: { items: [{ title: 'a', value: 'a' }], bcc_emails: ['x@y.z'] } } });
      const res = await t.request('DELETE', `${w.url}/${message.id}`, { token: w.agentToken });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.id, message.id);
      assert.equal(body.content, 'This message was deleted');
      assert.equal(body.content_type, 'text');
      assert.deepEqual(body.content_attributes, { deleted: true });
      assert.equal(body.sender.id, w.contact.id);
      const [event] = await eventsOf(w.account.id, 'message.updated');
      assert.deepEqual(event.changes?.content, [message.content, 'This message was deleted']);
      assert.deepEqual(event.changes?.content_type, ['input_select', 'text']);
      assert.equal(event.messageId, message.id);
    });
  });
});
