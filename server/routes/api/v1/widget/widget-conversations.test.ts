import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInboxMember, buildAgent } from '../../../../test/factories.js';
import { buildTestApp } from '../../../../test/harness.js';
import { startReceiver } from '../../../../test/receiver.js';
import { EMAIL_INPUT_BOX, WAYS_TO_REACH_YOU } from '../../../../operations/messages/send-message-templates.js';
import { buildWidgetWorld } from './widget.fixtures.js';

describe('/api/v1/widget conversations, messages, events, labels, inbox members', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const receiver = await startReceiver();

  it('starts a conversation with the pre-chat contact and first message; lists it and its messages; 422 without content', async () => {
    const w = await buildWidgetWorld(t);
    const { token, contactId } = await w.visitor();
    const none = await w.call('GET', '/conversations', { auth: token });
    assert.equal(none.statusCode, 200);
    assert.deepEqual(none.json(), {});
    const empty = await w.call('GET', '/messages', { auth: token });
    assert.deepEqual(empty.json(), { payload: [], meta: {} });

    const missing = await w.call('POST', '/conversations', { auth: token, body: { contact: { email: 'p@example.com' } } });
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(missing.json().attributes, ['message']);
    const res = await w.call('POST', '/conversations', {
      auth: token, headers: { 'accept-language': 'fr-FR,fr;q=0.9', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0 Safari/537.36' },
      body: { contact: { name: 'Pat', email: 'Pat@Example.com' }, message: { content: 'Hi there', referer_url: 'https://shop.example/cart', timestamp: 'now' }, custom_attributes: { cart: 3 } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(Object.keys(body), ['id', 'inbox_id', 'contact_last_seen_at', 'status', 'messages', 'custom_attributes', 'contact']);
    assert.equal(body.status, 'open');
    assert.equal(body.inbox_id, w.inbox.id);
    assert.deepEqual(body.custom_attributes, { cart: 3 });
    assert.equal(body.messages.length, 1);
    assert.equal(body.messages[0].content, 'Hi there');
    assert.equal(body.messages[0].message_type, 0);
    assert.equal(body.contact.email, 'pat@example.com');
    assert.equal(body.contact.name, 'Pat');
    const row = await db.selectFrom('conversations').selectAll().where('account_id', '=', w.account.id).where('display_id', '=', body.id).executeTakeFirstOrThrow();
    assert.equal(row.contact_id, contactId);
    assert.equal(row.additional_attributes.browser_language, 'fr-FR');
    assert.equal(row.additional_attributes.referer, 'https://shop.example/cart');
    assert.equal((row.additional_attributes.browser as Record<string, unknown>).browser_name, 'Chrome');

    const listed = await w.call('GET', '/conversations', { auth: token });
    assert.deepEqual(listed.json(), { id: body.id, inbox_id: w.inbox.id, contact_last_seen_at: 0, status: 'open' });
    const agentView = await t.request('GET', `/api/v1/accounts/${w.account.id}/conversations/${body.id}/messages`, { token: w.adminToken });
    assert.equal(agentView.statusCode, 200);
    assert.equal(agentView.json().payload[0].content, 'Hi there');
  });

  it('POST /messages creates the conversation when there is none, then adds to it; reply echo_id; agent replies show; private notes do not', async () => {
    const w = await buildWidgetWorld(t);
    await db.insertInto('labels').values({ account_id: w.account.id, title: 'vip', description: null, color: '#000000', show_on_sidebar: true, created_at: 1, updated_at: 1 }).execute();
    const { token } = await w.visitor();
    const first = await w.call('POST', '/messages', { auth: token, body: { message: { content: 'First', echo_id: 'e1' }, labels: ['vip', 'ghost'] } });
    assert.equal(first.statusCode, 200, first.body);
    const m = first.json();
    assert.deepEqual(Object.keys(m), ['id', 'content', 'inbox_id', 'conversation_id', 'message_type', 'created_at', 'private', 'source_id', 'content_attributes', 'sender']);
    assert.equal(m.sender.type, 'contact');
    const conversationId = m.conversation_id;
    const second = await w.call('POST', '/messages', { auth: token, body: { message: { content: 'Second', reply_to: m.id } } });
    assert.equal(second.json().conversation_id, conversationId);
    assert.equal(second.json().content_attributes.in_reply_to, m.id);
    const api = (method: string, path: string, body?: unknown) => t.request(method, `/api/v1/accounts/${w.account.id}/conversations/${conversationId}${path}`, { token: w.adminToken, body });
    const labels = await api('GET', '/labels');
    assert.deepEqual(labels.json().payload, ['vip']);
    assert.equal((await api('POST', '/messages', { content: 'Agent here', message_type: 'outgoing' })).statusCode, 200);
    assert.equal((await api('POST', '/messages', { content: 'secret note', private: true })).statusCode, 200);
    const list = await w.call('GET', '/messages', { auth: token });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().payload.map((x: { content: string }) => x.content), ['First', WAYS_TO_REACH_YOU, EMAIL_INPUT_BOX, 'Second', 'Agent here']);
    assert.equal(list.json().payload[4].sender.type, 'user');
    const before = await w.call('GET', `/messages?before=${second.json().id}`, { auth: token });
    assert.deepEqual(before.json().payload.map((x: { content: string }) => x.content), ['First', WAYS_TO_REACH_YOU, EMAIL_INPUT_BOX]);
    const bad = await w.call('GET', '/messages?before=abc', { auth: token });
    assert.equal(bad.statusCode, 422);
  });

  it('toggle_typing, update_last_seen and toggle_status act on the current conversation; 404 without one; 403 when ending is off', async () => {
    const w = await buildWidgetWorld(t);
    const { token } = await w.visitor();
    assert.equal((await w.call('POST', '/conversations/toggle_typing', { auth: token, body: { typing_status: 'on' } })).statusCode, 404);
    assert.equal((await w.call('GET', '/conversations/toggle_status', { auth: token })).statusCode, 404);
    assert.equal((await w.call('POST', '/conversations/update_last_seen', { auth: token })).statusCode, 200);
    await w.call('POST', '/messages', { auth: token, body: { message: { content: 'Hi' } } });
    assert.equal((await w.call('POST', '/conversations/toggle_typing', { auth: token, body: { typing_status: 'on' } })).statusCode, 200);
    assert.equal((await w.call('POST', '/conversations/update_last_seen', { auth: token })).statusCode, 200);
    const seen = await w.call('GET', '/conversations', { auth: token });
    assert.ok(seen.json().contact_last_seen_at > 0);
    const names = (await db.selectFrom('events').select('name').where('account_id', '=', w.account.id).execute()).map((e) => e.name);
    assert.ok(names.includes('conversation.typing_on'));
    assert.ok(names.includes('conversation.read'));
    assert.equal((await w.call('GET', '/conversations/toggle_status', { auth: token })).statusCode, 200);
    assert.equal((await w.call('GET', '/conversations', { auth: token })).json().status, 'resolved');

    const noEnd = await buildWidgetWorld(t, { feature_flags: 3 });
    const v = await noEnd.visitor();
    await noEnd.call('POST', '/messages', { auth: v.token, body: { message: { content: 'Hi' } } });
    assert.equal((await noEnd.call('GET', '/conversations/toggle_status', { auth: v.token })).statusCode, 403);
  });

  it('set and destroy conversation custom attributes; 422 on a nested value', async () => {
    const w = await buildWidgetWorld(t);
    const { token } = await w.visitor();
    await w.call('POST', '/messages', { auth: token, body: { message: { content: 'Hi' } } });
    const set = await w.call('POST', '/conversations/set_custom_attributes', { auth: token, body: { custom_attributes: { order: 'A1', total: 5 } } });
    assert.equal(set.statusCode, 204);
    const removed = await w.call('POST', '/conversations/destroy_custom_attributes', { auth: token, body: { custom_attribute: ['order'] } });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(removed.json().custom_attributes, { total: 5 });
    assert.equal(removed.json().status, 'open');
    const missing = await w.call('POST', '/conversations/set_custom_attributes', { auth: token, body: {} });
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(missing.json().attributes, ['custom_attributes']);
  });

  it('CSAT: resolving sends the survey; the visitor\'s rating is recorded in csat_survey_responses; a bad rating is 422', async () => {
    const w = await buildWidgetWorld(t, {}, { csat_survey_enabled: true });
    const agent = await buildAgent(db, t.deps.env, { account: w.account });
    await addInboxMember(db, w.inbox.id, agent.user.id);
    const { token, contactId } = await w.visitor();
    const first = (await w.call('POST', '/messages', { auth: token, body: { message: { content: 'Help' } } })).json();
    const api = (method: string, path: string, body?: unknown) =>
      t.request(method, `/api/v1/accounts/${w.account.id}/conversations/${first.conversation_id}${path}`, { token: w.adminToken, body });
    assert.equal((await api('POST', '/assignments', { assignee_id: agent.user.id })).statusCode, 200);
    assert.equal((await api('POST', '/toggle_status', { status: 'resolved' })).statusCode, 200);
    const messages = (await w.call('GET', '/messages', { auth: token })).json().payload;
    const survey = messages.find((m: { content_type: string }) => m.content_type === 'input_csat');
    assert.ok(survey, 'the survey message is in the widget');
    assert.equal(survey.message_type, 3);
    assert.equal(survey.content, 'Please rate the conversation');
    assert.deepEqual(survey.content_attributes, { display_type: 'emoji' });
    assert.equal(survey.sender, undefined);
    await api('POST', '/toggle_status', { status: 'open' });
    await api('POST', '/toggle_status', { status: 'resolved' });
    const surveys = (await w.call('GET', '/messages', { auth: token })).json().payload.filter((m: { content_type: string }) => m.content_type === 'input_csat');
    assert.equal(surveys.length, 1, 'one survey per conversation');

    const bad = await w.call('PATCH', `/messages/${survey.id}`, { auth: token, body: { message: { submitted_values: { csat_survey_response: { rating: 9 } } } } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['submitted_values.csat_survey_response.rating']);
    const res = await w.call('PATCH', `/messages/${survey.id}`, { auth: token, body: { message: { submitted_values: { csat_survey_response: { rating: 4, feedback_message: 'Quick!' } } } } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().contact.id, contactId);
    const again = await w.call('PATCH', `/messages/${survey.id}`, { auth: token, body: { message: { submitted_values: { csat_survey_response: { rating: 5 } } } } });
    assert.equal(again.statusCode, 200);
    const rows = await db.selectFrom('csat_survey_responses').selectAll().where('message_id', '=', survey.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].rating, 5);
    assert.equal(rows[0].contact_id, contactId);
    assert.equal(rows[0].assigned_agent_id, agent.user.id);

    const other = await buildWidgetWorld(t);
    const stranger = await other.visitor();
    assert.equal((await other.call('PATCH', `/messages/${survey.id}`, { auth: stranger.token, body: { message: { submitted_values: {} } } })).statusCode, 404);
    const v2 = await w.visitor();
    assert.equal((await w.call('PATCH', `/messages/${survey.id}`, { auth: v2.token, body: { message: { submitted_values: {} } } })).statusCode, 404);

    const fresh = await w.call('POST', '/conversations', { auth: token, body: { message: { content: 'New question' } } });
    assert.equal(fresh.statusCode, 200);
    assert.notEqual(fresh.json().id, first.conversation_id);
    assert.equal((await w.call('GET', '/conversations', { auth: token })).json().id, fresh.json().id);
  });

  it('POST /events records webwidget.triggered and delivers webwidget_triggered to webhooks; unknown names are ignored', async () => {
    const w = await buildWidgetWorld(t);
    const hook = await t.request('POST', `/api/v1/accounts/${w.account.id}/webhooks`, {
      token: w.adminToken, body: { webhook: { url: receiver.url('/widget-hook'), subscriptions: ['webwidget_triggered'] } },
    });
    assert.equal(hook.statusCode, 200, hook.body);
    const { token, contactId } = await w.visitor();
    const res = await w.call('POST', '/events?locale=de', { auth: token, body: { name: 'webwidget.triggered', event_info: { initiated_at: { timestamp: 'x' }, referer: 'https://shop.example/' } } });
    assert.equal(res.statusCode, 204);
    assert.equal((await w.call('POST', '/events', { auth: token, body: { name: 'something.else' } })).statusCode, 204);
    assert.equal((await w.call('POST', '/events', { auth: token, body: {} })).statusCode, 422);
    await t.settle();
    const got = receiver.at('/widget-hook', 'webwidget_triggered');
    assert.equal(got.length, 1);
    const body = got[0].body as Record<string, any>;
    assert.deepEqual(Object.keys(body), ['id', 'contact', 'inbox', 'account', 'current_conversation', 'source_id', 'event', 'event_info']);
    assert.equal(body.contact.id, contactId);
    assert.equal(body.inbox.id, w.inbox.id);
    assert.equal(body.current_conversation, null);
    assert.equal(body.event_info.widget_language, 'de');
    assert.equal(body.event_info.referer, 'https://shop.example/');
  });

  it('labels: adds a label of the account to the current conversation and removes it; unknown labels are ignored', async () => {
    const w = await buildWidgetWorld(t);
    await db.insertInto('labels').values({ account_id: w.account.id, title: 'billing', description: null, color: '#000000', show_on_sidebar: true, created_at: 1, updated_at: 1 }).execute();
    const { token } = await w.visitor();
    assert.equal((await w.call('POST', '/labels', { auth: token, body: { label: 'billing' } })).statusCode, 204);
    const { conversation_id: id } = (await w.call('POST', '/messages', { auth: token, body: { message: { content: 'Hi' } } })).json();
    assert.equal((await w.call('POST', '/labels', { auth: token, body: { label: 'billing' } })).statusCode, 204);
    assert.equal((await w.call('POST', '/labels', { auth: token, body: { label: 'nope' } })).statusCode, 204);
    const labels = () => t.request('GET', `/api/v1/accounts/${w.account.id}/conversations/${id}/labels`, { token: w.adminToken });
    assert.deepEqual((await labels()).json().payload, ['billing']);
    assert.equal((await w.call('DELETE', '/labels/billing', { auth: token })).statusCode, 204);
    assert.deepEqual((await labels()).json().payload, []);
    assert.equal((await w.call('POST', '/labels', { auth: token, body: {} })).statusCode, 422);
  });

  it('answers a visitor automatically: greeting on the first message, out of office when closed, email capture once while no email is known', async () => {
    const w = await buildWidgetWorld(t, {}, {
      greeting_enabled: true, greeting_message: 'Welcome!', working_hours_enabled: true, out_of_office_message: 'We are closed', timezone: 'UTC',
    });
    await db.updateTable('working_hours').set({ closed_all_day: true }).where('inbox_id', '=', w.inbox.id).execute();
    const { token } = await w.visitor();
    await w.call('POST', '/messages', { auth: token, body: { message: { content: 'Hello' } } });
    await w.call('POST', '/messages', { auth: token, body: { message: { content: 'Anyone?' } } });
    const list = (await w.call('GET', '/messages', { auth: token })).json().payload as Array<{ content: string; content_type: string; message_type: number }>;
    assert.deepEqual(list.map((m) => m.content), ['Hello', 'We are closed', 'Welcome!', WAYS_TO_REACH_YOU, EMAIL_INPUT_BOX, 'Anyone?']);
    const email = list.find((m) => m.content_type === 'input_email') as unknown as { id: number };
    assert.ok(list.filter((m) => m.content !== 'Hello' && m.content !== 'Anyone?').every((m) => m.message_type === 3));
    const bad = await w.call('PATCH', `/messages/${email.id}`, { auth: token, body: { contact: { email: 'nope' } } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['email']);
    const res = await w.call('PATCH', `/messages/${email.id}`, { auth: token, body: { contact: { email: 'Vis@Example.com' } } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().contact.email, 'vis@example.com');
    const stored = (await w.call('GET', '/messages', { auth: token })).json().payload.find((m: { id: number }) => m.id === email.id);
    assert.equal(stored.content_attributes.submitted_email, 'vis@example.com');
  });

  it('sends no out-of-office message while the stored schedule is open, nor when working hours are off', async () => {
    const open = await buildWidgetWorld(t, {}, { working_hours_enabled: true, out_of_office_message: 'We are closed', timezone: 'Asia/Kolkata', enable_email_collect: false });
    await db.updateTable('working_hours').set({ closed_all_day: false, open_all_day: true, open_hour: 0, open_minutes: 0, close_hour: 23, close_minutes: 59 })
      .where('inbox_id', '=', open.inbox.id).execute();
    const off = await buildWidgetWorld(t, {}, { working_hours_enabled: false, out_of_office_message: 'We are closed', enable_email_collect: false });
    await db.updateTable('working_hours').set({ closed_all_day: true }).where('inbox_id', '=', off.inbox.id).execute();
    for (const w of [open, off]) {
      const { token } = await w.visitor();
      await w.call('POST', '/messages', { auth: token, body: { message: { content: 'Hello' } } });
      const list = (await w.call('GET', '/messages', { auth: token })).json().payload as Array<{ content: string }>;
      assert.deepEqual(list.map((m) => m.content), ['Hello']);
    }
  });

  it('inbox_members lists the inbox agents without a visitor token; campaigns is an empty list', async () => {
    const w = await buildWidgetWorld(t);
    const agent = await buildAgent(db, t.deps.env, { account: w.account, user: { display_name: 'Sam' } });
    await addInboxMember(db, w.inbox.id, agent.user.id);
    const res = await w.call('GET', '/inbox_members');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { payload: [{ id: agent.user.id, name: 'Sam', avatar_url: '', availability_status: 'offline' }] });
    assert.deepEqual((await w.call('GET', '/campaigns')).json(), []);
  });
});
