import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildContactInbox, buildConversation, buildMessage } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { buildPublicDesk, createPublicConversation, createSession, eventsSince } from './public.fixtures.js';

const NOT_FOUND = { status: 404, error: 'Not Found' };

describe('Client API: conversations', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;
  const names = eventsSince(t);
  const conversationRow = (accountId: number, displayId: number) => db.selectFrom('conversations').selectAll()
    .where('account_id', '=', accountId).where('display_id', '=', displayId).executeTakeFirstOrThrow();

  it('creates a conversation with custom attributes only, as the contact, and records conversation.created', async () => {
    const { account, base, inbox } = await buildPublicDesk(db, env);
    const session = await createSession(t, base, { name: 'Gil' });
    await names(account.id);
    const res = await t.request('POST', `${base}/contacts/${session.source_id}/conversations`, {
      body: { custom_attributes: { order: 'A-1' }, additional_attributes: { x: 1 }, status: 'snoozed' },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    const row = await conversationRow(account.id, body.id);
    const contact = await db.selectFrom('contacts').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    assert.deepEqual(Object.keys(body), ['id', 'uuid', 'inbox_id', 'contact_last_seen_at', 'status', 'agent_last_seen_at', 'messages', 'contact']);
    assert.deepEqual(body, {
      id: row.display_id, uuid: row.uuid, inbox_id: inbox.id, contact_last_seen_at: 0, status: 'open', agent_last_seen_at: 0, messages: [],
      contact: {
        id: contact.id, name: 'Gil', email: null, phone_number: null, account_id: account.id,
        created_at: new Date(contact.created_at).toISOString(), updated_at: new Date(contact.updated_at).toISOString(),
        additional_attributes: {}, identifier: null, custom_attributes: {}, last_activity_at: null, contact_type: 'visitor',
        middle_name: '', last_name: '', location: '', country_code: '', blocked: false, company_id: null,
      },
    });
    assert.deepEqual([row.custom_attributes, row.additional_attributes, row.contact_id], [{ order: 'A-1' }, {}, contact.id]);
    assert.deepEqual(await names(account.id), ['conversation.created']);
    const created = t.events.of(account.id, 'conversation.created')[0];
    assert.deepEqual(created?.actor, { type: 'Contact', id: contact.id });
  });

  it('lists and shows only the session\'s own conversations; another contact gets 404 for them', async () => {
    const { account, base } = await buildPublicDesk(db, env);
    const alice = await createSession(t, base, { name: 'Alice' });
    const bob = await createSession(t, base, { name: 'Bob' });
    const aliceConversation = await createPublicConversation(t, base, alice.source_id);
    const bobConversation = await createPublicConversation(t, base, bob.source_id);
    const list = await t.request('GET', `${base}/contacts/${alice.source_id}/conversations`);
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().map((c: { id: number }) => c.id), [aliceConversation]);
    const shown = await t.request('GET', `${base}/contacts/${alice.source_id}/conversations/${aliceConversation}`);
    assert.deepEqual([shown.statusCode, shown.json().id], [200, aliceConversation]);
    for (const suffix of ['', '/messages', '/toggle_status', '/toggle_typing', '/update_last_seen']) {
      const method = suffix === '' || suffix === '/messages' ? 'GET' : 'POST';
      const res = await t.request(method, `${base}/contacts/${alice.source_id}/conversations/${bobConversation}${suffix}`);
      assert.deepEqual([res.statusCode, res.json()], [404, NOT_FOUND], `${method} ${suffix}`);
    }
    const posted = await t.request('POST', `${base}/contacts/${alice.source_id}/conversations/${bobConversation}/messages`, { body: { content: 'hi' } });
    assert.equal(posted.statusCode, 404);
    for (const id of ['999999', 'abc', '99999999999999']) {
      const res = await t.request('GET', `${base}/contacts/${alice.source_id}/conversations/${id}`);
      assert.deepEqual([res.statusCode, res.json()], [404, NOT_FOUND], id);
    }
    const bobRow = await conversationRow(account.id, bobConversation);
    assert.equal(bobRow.status, 0);
  });

  it('a hmac-verified session sees every conversation of its contact in this inbox, an unverified one only its own', async () => {
    const { account, base, inbox } = await buildPublicDesk(db, env);
    const other = await buildPublicDesk(db, env);
    const session = await createSession(t, base, { name: 'Hal' });
    const contact = await db.selectFrom('contacts').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    const own = await createPublicConversation(t, base, session.source_id);
    const sameInbox = await buildConversation(db, { account, inbox, contact });
    const otherAccountInbox = await buildConversation(db, { account: other.account, inbox: other.inbox });
    const ids = async () => (await t.request('GET', `${base}/contacts/${session.source_id}/conversations`)).json().map((c: { id: number }) => c.id);
    assert.deepEqual(await ids(), [own]);
    assert.equal((await t.request('GET', `${base}/contacts/${session.source_id}/conversations/${sameInbox.display_id}`)).statusCode, 404);
    await db.updateTable('contact_inboxes').set({ hmac_verified: true }).where('source_id', '=', session.source_id).execute();
    assert.deepEqual(await ids(), [own, sameInbox.display_id]);
    assert.equal((await t.request('GET', `${base}/contacts/${session.source_id}/conversations/${sameInbox.display_id}`)).statusCode, 200);
    assert.ok(otherAccountInbox.id);
    const secondSession = await buildContactInbox(db, { contact, inbox });
    assert.equal((await t.request('GET', `${base}/contacts/${secondSession.source_id}/conversations`)).json().length, 0);
  });

  it('toggle_status resolves once, as the contact, and is a no-op on a resolved conversation', async () => {
    const { account, base } = await buildPublicDesk(db, env);
    const session = await createSession(t, base);
    const id = await createPublicConversation(t, base, session.source_id);
    await names(account.id);
    const res = await t.request('POST', `${base}/contacts/${session.source_id}/conversations/${id}/toggle_status`);
    assert.deepEqual([res.statusCode, res.json().status, res.json().id], [200, 'resolved', id]);
    assert.equal((await conversationRow(account.id, id)).status, 1);
    assert.deepEqual(await names(account.id), ['conversation.resolved', 'conversation.status_changed', 'conversation.updated']);
    assert.deepEqual(t.events.of(account.id, 'conversation.resolved')[0]?.actor, { type: 'Contact', id: session.id });
    const again = await t.request('POST', `${base}/contacts/${session.source_id}/conversations/${id}/toggle_status`);
    assert.deepEqual([again.statusCode, again.json().status], [200, 'resolved']);
    assert.deepEqual(await names(account.id), []);
  });

  it('toggle_typing records typing_on / typing_off, ignores other values, answers 200 with no body', async () => {
    const { account, base } = await buildPublicDesk(db, env);
    const session = await createSession(t, base);
    const id = await createPublicConversation(t, base, session.source_id);
    await names(account.id);
    const path = `${base}/contacts/${session.source_id}/conversations/${id}/toggle_typing`;
    for (const typing_status of ['on', 'off', 'sideways']) {
      const res = await t.request('POST', path, { body: { typing_status } });
      assert.deepEqual([res.statusCode, res.body], [200, '']);
    }
    assert.equal((await t.request('POST', path)).statusCode, 200);
    assert.deepEqual(await names(account.id), ['conversation.typing_on', 'conversation.typing_off']);
    const on = t.events.of(account.id, 'conversation.typing_on')[0];
    assert.deepEqual([on?.actor, on?.data], [{ type: 'Contact', id: session.id }, { is_private: false }]);
    const long = await t.request('POST', path, { body: { typing_status: 'x'.repeat(21) } });
    assert.deepEqual([long.statusCode, long.json().attributes], [422, ['typing_status']]);
  });

  it('update_last_seen sets contact_last_seen_at, records conversation.read and marks replies read', async () => {
    const { account, base, admin } = await buildPublicDesk(db, env);
    const session = await createSession(t, base);
    const id = await createPublicConversation(t, base, session.source_id);
    const row = await conversationRow(account.id, id);
    const reply = await buildMessage(db, { conversation: row, message: { message_type: 1, sender_type: 'User', sender_id: admin.user.id } });
    const incoming = await buildMessage(db, { conversation: row });
    await names(account.id);
    const res = await t.request('POST', `${base}/contacts/${session.source_id}/conversations/${id}/update_last_seen`);
    assert.deepEqual([res.statusCode, res.body], [200, '']);
    const after = await conversationRow(account.id, id);
    assert.ok(after.contact_last_seen_at !== null && after.contact_last_seen_at >= reply.created_at);
    assert.deepEqual(await names(account.id), ['conversation.read', 'message.updated']);
    const statuses = await db.selectFrom('messages').select(['id', 'status']).where('conversation_id', '=', row.id).orderBy('id').execute();
    assert.deepEqual(statuses, [{ id: reply.id, status: 2 }, { id: incoming.id, status: 0 }]);
    const shown = await t.request('GET', `${base}/contacts/${session.source_id}/conversations/${id}`);
    assert.equal(shown.json().contact_last_seen_at, Math.floor((after.contact_last_seen_at as number) / 1000));
  });
});
