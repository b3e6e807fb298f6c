import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildMessage } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { multipartBody, pngOf } from '../../../../api/v1/accounts/conversations/messages.fixtures.js';
import { buildPublicDesk, createPublicConversation, createSession, eventsSince } from './public.fixtures.js';

const NOT_FOUND = { status: 404, error: 'Not Found' };
const DAY_MS = 86_400_000;

describe('Client API: messages', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;
  const names = eventsSince(t);

  /** A desk with a session and a conversation made through the Client API. */
  async function scene() {
    const desk = await buildPublicDesk(db, env);
    const session = await createSession(t, desk.base, { name: 'Ida', email: 'ida@example.com' });
    const displayId = await createPublicConversation(t, desk.base, session.source_id);
    const conversation = await db.selectFrom('conversations').selectAll().where('account_id', '=', desk.account.id)
      .where('display_id', '=', displayId).executeTakeFirstOrThrow();
    const path = `${desk.base}/contacts/${session.source_id}/conversations/${displayId}/messages`;
    const appPath = `/api/v1/accounts/${desk.account.id}/conversations/${displayId}/messages`;
    return { ...desk, session, displayId, conversation, path, appPath };
  }

  it('full flow: contact → conversation → message; an agent reply shows up, a private note and activity do not', async () => {
    const s = await scene();
    await names(s.account.id);
    const sent = await t.request('POST', s.path, { body: { content: 'Hello, I need help', echo_id: 'temp-1' } });
    assert.equal(sent.statusCode, 200);
    const message = sent.json();
    const row = await db.selectFrom('messages').selectAll().where('id', '=', message.id).executeTakeFirstOrThrow();
    assert.deepEqual(Object.keys(message), ['id', 'content', 'message_type', 'content_type', 'content_attributes', 'created_at', 'conversation_id', 'sender']);
    assert.deepEqual(message, {
      id: row.id, content: 'Hello, I need help', message_type: 0, content_type: 'text', content_attributes: {},
      created_at: Math.floor(row.created_at / 1000), conversation_id: s.displayId,
      sender: {
        additional_attributes: {}, custom_attributes: {}, email: 'ida@example.com', id: s.session.id, identifier: null, name: 'Ida',
        phone_number: null, thumbnail: '', blocked: false, type: 'contact',
      },
    });
    assert.deepEqual([row.sender_type, row.sender_id, row.private], ['Contact', s.session.id, false]);
    assert.ok((await names(s.account.id)).includes('message.created'));
    assert.deepEqual(t.events.of(s.account.id, 'message.created').at(-1)?.actor, { type: 'Contact', id: s.session.id });

    const reply = await t.request('POST', s.appPath, { token: s.admin.token, body: { content: 'Happy to help' } });
    assert.equal(reply.statusCode, 200, reply.body);
    const note = await t.request('POST', s.appPath, { token: s.admin.token, body: { content: 'internal only', private: true } });
    assert.equal(note.statusCode, 200, note.body);
    await buildMessage(db, { conversation: s.conversation, message: { message_type: 2, content: 'Conversation was reopened', sender_type: null, sender_id: null } });

    const list = await t.request('GET', s.path);
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().map((m: { content: string }) => m.content), ['Hello, I need help', 'Happy to help']);
    const agentReply = list.json()[1];
    assert.deepEqual([agentReply.message_type, agentReply.sender.type, agentReply.sender.id], [1, 'user', s.admin.user.id]);
    const conversation = await t.request('GET', `${s.base}/contacts/${s.session.source_id}/conversations/${s.displayId}`);
    assert.deepEqual(conversation.json().messages.map((m: { content: string }) => m.content), ['Hello, I need help', 'Happy to help']);
  });

  it('pages with the before cursor: 20 per page, oldest first', async () => {
    const s = await scene();
    const rows = [];
    for (let i = 0; i < 25; i += 1) {
      rows.push(await buildMessage(db, { conversation: s.conversation, message: { content: `m${i}` } }));
    }
    const latest = (await t.request('GET', s.path)).json();
    assert.deepEqual([latest.length, latest[0].content, latest[19].content], [20, 'm5', 'm24']);
    const older = (await t.request('GET', `${s.path}?before=${rows[5]?.id}`)).json();
    assert.deepEqual(older.map((m: { content: string }) => m.content), ['m0', 'm1', 'm2', 'm3', 'm4']);
    const bad = await t.request('GET', `${s.path}?before=soon`);
    assert.deepEqual([bad.statusCode, bad.json().attributes], [422, ['before']]);
  });

  it('answers 422 naming content when it is too long, and creates nothing', async () => {
    const s = await scene();
    const res = await t.request('POST', s.path, { body: { content: 'h'.repeat(150_001) } });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json(), { message: 'Content is too long (maximum is 150000 characters)', attributes: ['content'] });
    const count = await db.selectFrom('messages').select('id').where('conversation_id', '=', s.conversation.id).execute();
    assert.equal(count.length, 0);
  });

  it('accepts multipart attachments[] and answers 404 for another inbox or unknown session', async () => {
    const s = await scene();
    const form = multipartBody([['content', 'photo'], ['echo_id', 'e-9']], [{ field: 'attachments[]', filename: 'a.png', type: 'image/png', data: pngOf(4, 3) }]);
    const res = await t.app.inject({ method: 'POST', url: s.path, payload: form.payload, headers: form.headers });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().content, res.json().attachments.length, res.json().attachments[0].file_type], ['photo', 1, 'image']);
    const other = await buildPublicDesk(db, env);
    const crossInbox = `${other.base}/contacts/${s.session.source_id}/conversations/${s.displayId}/messages`;
    const denied = await t.app.inject({ method: 'POST', url: crossInbox, payload: form.payload, headers: form.headers });
    assert.deepEqual([denied.statusCode, denied.json()], [404, NOT_FOUND]);
  });

  it('PATCH stores permitted submitted_values, records message.updated, locks CSAT after 14 days', async () => {
    const s = await scene();
    const select = await buildMessage(db, {
      conversation: s.conversation,
      message: { message_type: 3, content_type: 4, content: 'Pick one', content_attributes: { items: [{ title: 'A', value: 'a' }] }, sender_type: null, sender_id: null },
    });
    await names(s.account.id);
    const res = await t.request('PATCH', `${s.path}/${select.id}`, { body: { submitted_values: [{ title: 'A', value: 'a', extra: 'dropped' }] } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().content_attributes, { items: [{ title: 'A', value: 'a' }], submitted_values: [{ title: 'A', value: 'a' }] });
    assert.deepEqual([res.json().content_type, res.json().message_type], ['input_select', 3]);
    assert.deepEqual(await names(s.account.id), ['message.updated']);
    const unchanged = await t.request('PATCH', `${s.path}/${select.id}`, { body: {} });
    assert.equal(unchanged.statusCode, 200);
    assert.deepEqual(await names(s.account.id), []);

    const csat = await buildMessage(db, { conversation: s.conversation, message: { message_type: 3, content_type: 9, created_at: Date.now() - 15 * DAY_MS } });
    const locked = await t.request('PATCH', `${s.path}/${csat.id}`, { body: { submitted_values: { csat_survey_response: { rating: 5 } } } });
    assert.deepEqual([locked.statusCode, locked.json()], [422, { error: 'You cannot update the CSAT survey after 14 days' }]);
    const fresh = await buildMessage(db, { conversation: s.conversation, message: { message_type: 3, content_type: 9 } });
    const rated = await t.request('PATCH', `${s.path}/${fresh.id}`, { body: { submitted_values: { csat_survey_response: { rating: 5, feedback_message: 'great', x: 1 } } } });
    assert.deepEqual(rated.json().content_attributes, { submitted_values: { csat_survey_response: { feedback_message: 'great', rating: 5 } } });

    const other = await scene();
    const foreign = await buildMessage(db, { conversation: other.conversation });
    for (const id of [foreign.id, 'abc']) {
      const res404 = await t.request('PATCH', `${s.path}/${id}`, { body: { submitted_values: [] } });
      assert.deepEqual([res404.statusCode, res404.json()], [404, NOT_FOUND]);
    }
  });
});
