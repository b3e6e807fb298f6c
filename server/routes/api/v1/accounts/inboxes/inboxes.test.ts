import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInboxMember, buildAdmin, buildAgent, buildConversation, buildInbox, buildMessage } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

const INBOX_KEYS = [
  'id', 'avatar_url', 'channel_id', 'name', 'channel_type', 'greeting_enabled', 'greeting_message', 'working_hours_enabled',
  'enable_email_collect', 'csat_survey_enabled', 'csat_config', 'enable_auto_assignment', 'auto_assignment_config',
  'out_of_office_message', 'working_hours', 'timezone', 'callback_webhook_url', 'allow_messages_after_resolved',
  'lock_to_single_conversation', 'sender_name_type', 'business_name', 'allowed_domains', 'widget_color', 'website_url',
  'hmac_mandatory', 'welcome_title', 'welcome_tagline', 'web_widget_script', 'website_token', 'selected_feature_flags',
  'reply_time', 'messaging_service_sid', 'phone_number',
];
const ADMIN_KEYS = [...INBOX_KEYS, 'hmac_token', 'secret', 'webhook_url', 'inbox_identifier', 'additional_attributes', 'provider'];
const AGENT_KEYS = [...INBOX_KEYS, 'webhook_url', 'inbox_identifier', 'additional_attributes', 'provider'];

describe('/api/v1/accounts/:account_id/inboxes', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  it('answers 401 without a token and with a wrong token', async () => {
    const { account } = await buildAdmin(db, env);
    const none = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes`);
    assert.equal(none.statusCode, 401);
    assert.deepEqual(none.json(), { errors: ['You need to sign in or sign up before continuing.'] });
    const wrong = await t.request('POST', `/api/v1/accounts/${account.id}/inboxes`, { token: 'nope', body: { name: 'x' } });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), { error: 'Invalid Access Token' });
  });

  it('lists every inbox to an administrator, by name, with the secrets', async () => {
    const { account, token } = await buildAdmin(db, env);
    const b = await buildInbox(db, { account, inbox: { name: 'beta' }, channel: { webhook_url: 'https://example.com/hook' } });
    const a = await buildInbox(db, { account, inbox: { name: 'Alpha' } });
    await buildInbox(db, { account: (await buildAdmin(db, env)).account });
    const res = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes`, { token });
    assert.equal(res.statusCode, 200);
    const payload = res.json().payload;
    assert.deepEqual(payload.map((i: { id: number }) => i.id), [a.inbox.id, b.inbox.id]);
    assert.deepEqual(Object.keys(payload[1]), ADMIN_KEYS);
    assert.deepEqual(payload[1], {
      id: b.inbox.id, avatar_url: '', channel_id: b.channel.id, name: 'beta', channel_type: 'Channel::Api',
      greeting_enabled: false, greeting_message: null, working_hours_enabled: false, enable_email_collect: true,
      csat_survey_enabled: false, csat_config: {}, enable_auto_assignment: true, auto_assignment_config: {},
      out_of_office_message: null, working_hours: payload[1].working_hours, timezone: 'UTC', callback_webhook_url: null,
      allow_messages_after_resolved: true, lock_to_single_conversation: false, sender_name_type: 'friendly', business_name: null,
      allowed_domains: null, widget_color: null, website_url: null, hmac_mandatory: false, welcome_title: null,
      welcome_tagline: null, web_widget_script: null, website_token: null, selected_feature_flags: null, reply_time: null,
      messaging_service_sid: null, phone_number: null, hmac_token: b.channel.hmac_token, secret: b.channel.secret,
      webhook_url: 'https://example.com/hook', inbox_identifier: b.channel.identifier, additional_attributes: {}, provider: null,
    });
    assert.equal(payload[1].working_hours.length, 7);
    assert.deepEqual(payload[1].working_hours[1], {
      day_of_week: 1, closed_all_day: false, open_hour: 9, open_minutes: 0, close_hour: 17, close_minutes: 0, open_all_day: false,
    });
    assert.equal(payload[1].working_hours[0].closed_all_day, true);
  });

  it('lists to an agent only the inboxes they are a member of, without hmac_token and secret', async () => {
    const { account } = await buildAdmin(db, env);
    const agent = await buildAgent(db, env, { account });
    const mine = await buildInbox(db, { account });
    await buildInbox(db, { account });
    await addInboxMember(db, mine.inbox.id, agent.user.id);
    const res = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes`, { token: agent.token });
    assert.equal(res.statusCode, 200);
    const payload = res.json().payload;
    assert.deepEqual(payload.map((i: { id: number }) => i.id), [mine.inbox.id]);
    assert.deepEqual(Object.keys(payload[0]), AGENT_KEYS);
    assert.equal(payload[0].inbox_identifier, mine.channel.identifier);
  });

  it('shows an inbox to members and administrators; 401 to other agents; 404 across accounts', async () => {
    const { account, token } = await buildAdmin(db, env);
    const agent = await buildAgent(db, env, { account });
    const { inbox } = await buildInbox(db, { account });
    const other = await buildInbox(db, { account: (await buildAdmin(db, env)).account });
    const huge = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes/99999999999`, { token });
    assert.equal(huge.statusCode, 404);
    const cross = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes/${other.inbox.id}`, { token });
    assert.equal(cross.statusCode, 404);
    assert.deepEqual(cross.json(), { error: 'Resource could not be found' });
    const denied = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, { token: agent.token });
    assert.equal(denied.statusCode, 401);
    assert.deepEqual(denied.json(), { error: 'You are not authorized to do this action' });
    await addInboxMember(db, inbox.id, agent.user.id);
    const member = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, { token: agent.token });
    assert.equal(member.statusCode, 200);
    assert.deepEqual(Object.keys(member.json()), AGENT_KEYS);
    const admin = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, { token });
    assert.deepEqual(Object.keys(admin.json()), ADMIN_KEYS);
  });

  it('creates an API inbox for an administrator and records inbox.created', async () => {
    const { account, token } = await buildAdmin(db, env);
    const res = await t.request('POST', `/api/v1/accounts/${account.id}/inboxes`, {
      token,
      body: {
        name: 'Support API', greeting_enabled: true, greeting_message: 'Hi!', enable_email_collect: false,
        csat_survey_enabled: true, enable_auto_assignment: false, working_hours_enabled: true, out_of_office_message: 'Away',
        timezone: 'Europe/Berlin', allow_messages_after_resolved: false, lock_to_single_conversation: true,
        sender_name_type: 'professional', business_name: 'Acme', avatar_url: 'https://cdn.example.com/a.png',
        channel: { type: 'api', webhook_url: 'https://example.com/cb', hmac_mandatory: true, additional_attributes: { agent_reply_time_window: 24 } },
      },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), ADMIN_KEYS);
    const channel = await db.selectFrom('channel_api').selectAll().where('id', '=', body.channel_id).executeTakeFirstOrThrow();
    assert.equal(channel.account_id, account.id);
    assert.deepEqual(
      { ...body, working_hours: undefined },
      {
        id: body.id, avatar_url: 'https://cdn.example.com/a.png', channel_id: channel.id, name: 'Support API',
        channel_type: 'Channel::Api', greeting_enabled: true, greeting_message: 'Hi!', working_hours_enabled: true,
        enable_email_collect: false, csat_survey_enabled: true, csat_config: {}, enable_auto_assignment: false,
        auto_assignment_config: {}, out_of_office_message: 'Away', working_hours: undefined, timezone: 'Europe/Berlin',
        callback_webhook_url: null, allow_messages_after_resolved: false, lock_to_single_conversation: true,
        sender_name_type: 'professional', business_name: 'Acme', allowed_domains: null, widget_color: null, website_url: null,
        hmac_mandatory: true, welcome_title: null, welcome_tagline: null, web_widget_script: null, website_token: null,
        selected_feature_flags: null, reply_time: null, messaging_service_sid: null, phone_number: null,
        hmac_token: channel.hmac_token, secret: channel.secret, webhook_url: 'https://example.com/cb',
        inbox_identifier: channel.identifier, additional_attributes: { agent_reply_time_window: 24 }, provider: null,
      },
    );
    assert.ok(channel.identifier.length >= 20 && channel.hmac_token.length >= 20 && channel.secret.length >= 20);
    const events = await t.recorded(account.id, 'inbox.created');
    assert.equal(events.length, 1);
    assert.equal(events[0].inboxId, body.id);
    assert.deepEqual(events[0].actor, { type: 'User', id: (await db.selectFrom('account_users').select('user_id').where('account_id', '=', account.id).executeTakeFirstOrThrow()).user_id });
  });

  it('refuses an agent with 401 on create, update and delete', async () => {
    const { account } = await buildAdmin(db, env);
    const agent = await buildAgent(db, env, { account });
    const { inbox } = await buildInbox(db, { account });
    await addInboxMember(db, inbox.id, agent.user.id);
    const base = `/api/v1/accounts/${account.id}/inboxes`;
    for (const [method, url, body] of [['POST', base, { name: 'x', channel: { type: 'api' } }], ['PATCH', `${base}/${inbox.id}`, { name: 'y' }], ['DELETE', `${base}/${inbox.id}`, undefined]] as const) {
      const res = await t.request(method, url, { token: agent.token, body });
      assert.equal(res.statusCode, 401, `${method} ${url}`);
      assert.deepEqual(res.json(), { error: 'You are not authorized to do this action' });
    }
    assert.equal((await db.selectFrom('inboxes').select('name').where('id', '=', inbox.id).executeTakeFirstOrThrow()).name, inbox.name);
  });

  it('names the field on bad create input and writes nothing', async () => {
    const { account, token } = await buildAdmin(db, env);
    const url = `/api/v1/accounts/${account.id}/inboxes`;
    const cases: Array<[unknown, string]> = [
      [{ name: 'x', channel: { type: 'email' } }, 'channel.type'],
      [{ name: 'x', channel: { type: 'api', webhook_url: 'ftp://example.com/x' } }, 'channel.webhook_url'],
      [{ name: 'x', channel: { type: 'api', webhook_url: 'not a url' } }, 'channel.webhook_url'],
      [{ channel: { type: 'api' } }, 'name'],
      [{ name: 'x' }, 'channel'],
      [{ name: 'x', timezone: 'Mars/Olympus', channel: { type: 'api' } }, 'timezone'],
      [{ name: 'x', sender_name_type: 'loud', channel: { type: 'api' } }, 'sender_name_type'],
      [{ name: 'x'.repeat(300), channel: { type: 'api' } }, 'name'],
      [{ name: '   ', channel: { type: 'api' } }, 'name'],
      [{ name: 'x', greeting_enabled: 'maybe', channel: { type: 'api' } }, 'greeting_enabled'],
    ];
    for (const [body, field] of cases) {
      const res = await t.request('POST', url, { token, body });
      assert.equal(res.statusCode, 422, JSON.stringify(body));
      assert.ok(res.json().attributes.includes(field), `${JSON.stringify(res.json())} names ${field}`);
    }
    const counts = await db.selectFrom('channel_api').select((eb) => eb.fn.countAll().as('n')).where('account_id', '=', account.id).executeTakeFirstOrThrow();
    assert.equal(Number(counts.n), 0);
  });

  it('updates inbox and channel attributes, records inbox.updated with the changes', async () => {
    const { account, token } = await buildAdmin(db, env);
    const { inbox, channel } = await buildInbox(db, { account, inbox: { name: 'Old' } });
    const res = await t.request('PATCH', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, {
      token,
      body: { name: 'New', timezone: 'Asia/Kolkata', greeting_enabled: true, channel: { webhook_url: 'http://hooks.example.com/in', hmac_mandatory: true } },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), ADMIN_KEYS);
    assert.equal(body.name, 'New');
    assert.equal(body.timezone, 'Asia/Kolkata');
    assert.equal(body.greeting_enabled, true);
    assert.equal(body.webhook_url, 'http://hooks.example.com/in');
    assert.equal(body.hmac_mandatory, true);
    assert.equal(body.hmac_token, channel.hmac_token);
    const events = await t.recorded(account.id, 'inbox.updated');
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].changes, {
      name: ['Old', 'New'], greeting_enabled: [false, true], timezone: ['UTC', 'Asia/Kolkata'],
      webhook_url: [null, 'http://hooks.example.com/in'], hmac_mandatory: [false, true],
    });
    const cleared = await t.request('PATCH', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, {
      token, body: { greeting_message: 'Hello' },
    });
    assert.equal(cleared.json().greeting_message, 'Hello');
    const nulled = await t.request('PATCH', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, {
      token, body: { greeting_message: null, channel: { webhook_url: null } },
    });
    assert.equal(nulled.json().greeting_message, null);
    assert.equal(nulled.json().webhook_url, null);
    assert.equal((await t.recorded(account.id, 'inbox.updated')).length, 3);
    const put = await t.request('PUT', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, { token, body: { name: 'New' } });
    assert.equal(put.statusCode, 200);
    assert.equal((await t.recorded(account.id, 'inbox.updated')).length, 3, 'no event when nothing changed');
  });

  it('names the field on bad update input, keeps the row, and answers 404 across accounts', async () => {
    const { account, token } = await buildAdmin(db, env);
    const { inbox } = await buildInbox(db, { account, inbox: { name: 'Keep' } });
    const bad = await t.request('PATCH', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, {
      token, body: { name: 'Changed', channel: { webhook_url: 'javascript:alert(1)' } },
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['channel.webhook_url']);
    const row = await db.selectFrom('inboxes').select('name').where('id', '=', inbox.id).executeTakeFirstOrThrow();
    assert.equal(row.name, 'Keep');
    const other = await buildInbox(db, { account: (await buildAdmin(db, env)).account });
    const cross = await t.request('PATCH', `/api/v1/accounts/${account.id}/inboxes/${other.inbox.id}`, { token, body: { name: 'x' } });
    assert.equal(cross.statusCode, 404);
    const crossDelete = await t.request('DELETE', `/api/v1/accounts/${account.id}/inboxes/${other.inbox.id}`, { token });
    assert.equal(crossDelete.statusCode, 404);
  });

  it('deletes an inbox with its channel, conversations and members', async () => {
    const { account, token } = await buildAdmin(db, env);
    const agent = await buildAgent(db, env, { account });
    const { inbox, channel } = await buildInbox(db, { account });
    await addInboxMember(db, inbox.id, agent.user.id);
    const conversation = await buildConversation(db, { account, inbox });
    await buildMessage(db, { conversation });
    const res = await t.request('DELETE', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, { token });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { message: 'Your inbox deletion request will be processed in some time.' });
    assert.equal(await db.selectFrom('inboxes').select('id').where('id', '=', inbox.id).executeTakeFirst(), undefined);
    assert.equal(await db.selectFrom('channel_api').select('id').where('id', '=', channel.id).executeTakeFirst(), undefined);
    assert.equal(await db.selectFrom('conversations').select('id').where('id', '=', conversation.id).executeTakeFirst(), undefined);
    assert.equal(await db.selectFrom('inbox_members').select('id').where('inbox_id', '=', inbox.id).executeTakeFirst(), undefined);
    const again = await t.request('GET', `/api/v1/accounts/${account.id}/inboxes/${inbox.id}`, { token });
    assert.equal(again.statusCode, 404);
  });
});
