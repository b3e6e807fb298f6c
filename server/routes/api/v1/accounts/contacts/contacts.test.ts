import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import {
  buildAccount, buildAdmin, buildAgent, buildAgentBot, buildContact, buildContactInbox, buildConversation, buildInbox, buildMessage,
} from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CONTACT_KEYS = ['additional_attributes', 'availability_status', 'email', 'id', 'name', 'phone_number', 'blocked', 'identifier', 'thumbnail', 'custom_attributes', 'created_at', 'contact_inboxes'];
const RAW_INBOX_KEYS = [
  'id', 'channel_id', 'account_id', 'name', 'created_at', 'updated_at', 'channel_type', 'enable_auto_assignment', 'greeting_enabled',
  'greeting_message', 'email_address', 'working_hours_enabled', 'out_of_office_message', 'timezone', 'enable_email_collect',
  'csat_survey_enabled', 'allow_messages_after_resolved', 'auto_assignment_config', 'lock_to_single_conversation', 'portal_id',
  'sender_name_type', 'business_name', 'csat_config',
];

describe('/api/v1/accounts/:account_id/contacts (create, show, update, delete)', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, id?: number) => `/api/v1/accounts/${accountId}/contacts${id === undefined ? '' : `/${id}`}`;
  const contactsOf = (accountId: number) => db.selectFrom('contacts').selectAll().where('account_id', '=', accountId).execute();

  it('answers 401 without a token, with a wrong token, and for agent bots', async () => {
    const account = await buildAccount(db);
    const contact = await buildContact(db, { account });
    for (const [method, path] of [['POST', url(account.id)], ['GET', url(account.id, contact.id)], ['PATCH', url(account.id, contact.id)], ['DELETE', url(account.id, contact.id)]]) {
      const none = await t.request(method, path, { body: { name: 'x' } });
      assert.equal(none.statusCode, 401);
      assert.deepEqual(none.json(), { errors: ['You need to sign in or sign up before continuing.'] });
      const wrong = await t.request(method, path, { token: 'nope', body: { name: 'x' } });
      assert.deepEqual(wrong.json(), { error: 'Invalid Access Token' });
    }
    const { token } = await buildAgentBot(db, t.deps.env, { account });
    const bot = await t.request('POST', url(account.id), { token, body: { name: 'x' } });
    assert.equal(bot.statusCode, 401);
    assert.deepEqual(bot.json(), { error: 'Access to this endpoint is not authorized for bots' });
    assert.equal((await contactsOf(account.id)).length, 1);
  });

  it('creates a contact in Chatwoot shape and records contact.created', async () => {
    const { account, token, user } = await buildAgent(db, t.deps.env);
    const res = await t.request('POST', url(account.id), {
      token,
      body: {
        name: 'Jane Doe', email: 'Jane@Example.COM', phone_number: '+14155550100', identifier: 'crm-1', blocked: false,
        avatar_url: 'https://cdn.example.com/jane.png', additional_attributes: { city: 'Lisbon', country: 'Portugal', company_name: 'Acme' },
        custom_attributes: { plan: 'pro', seats: 3 },
      },
    });
    assert.equal(res.statusCode, 200);
    const { contact, contact_inbox: contactInbox } = res.json().payload;
    assert.deepEqual(Object.keys(contact), CONTACT_KEYS);
    assert.deepEqual({ ...contact, id: 0, created_at: 0 }, {
      additional_attributes: { city: 'Lisbon', country: 'Portugal', company_name: 'Acme' }, availability_status: 'offline',
      email: 'jane@example.com', id: 0, name: 'Jane Doe', phone_number: '+14155550100', blocked: false, identifier: 'crm-1',
      thumbnail: 'https://cdn.example.com/jane.png', custom_attributes: { plan: 'pro', seats: 3 }, created_at: 0, contact_inboxes: [],
    });
    assert.ok(Math.abs(contact.created_at - Date.now() / 1000) < 60);
    assert.deepEqual(contactInbox, { inbox: null, source_id: null });
    const [row] = await contactsOf(account.id);
    assert.equal(row.contact_type, 1);
    assert.equal(row.location, 'Lisbon');
    assert.equal(row.country_code, 'Portugal');
    await t.deps.dispatcher.drain();
    const events = t.events.of(account.id, 'contact.created');
    assert.equal(events.length, 1);
    assert.equal(events[0].contactId, contact.id);
    assert.deepEqual(events[0].actor, { type: 'User', id: user.id });
  });

  it('keeps a contact with only a name a visitor, and turns blanks into nulls', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    for (const name of ['First', 'Second']) {
      const res = await t.request('POST', url(account.id), { token, body: { name, email: '', identifier: ' ', phone_number: null, custom_attributes: null } });
      assert.equal(res.statusCode, 200);
      const contact = res.json().payload.contact;
      assert.equal(contact.email, null);
      assert.equal(contact.identifier, null);
      assert.deepEqual(contact.custom_attributes, {});
    }
    assert.deepEqual((await contactsOf(account.id)).map((row) => row.contact_type), [0, 0]);
  });

  it('creates the contact inbox from inbox_id with a UUID source_id, usable later', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account });
    const res = await t.request('POST', url(account.id), { token, body: { name: 'With inbox', inbox_id: String(inbox.id) } });
    assert.equal(res.statusCode, 200);
    const { contact, contact_inbox: contactInbox } = res.json().payload;
    assert.equal(contact.contact_inboxes.length, 1);
    const sourceId = contact.contact_inboxes[0].source_id;
    assert.match(sourceId, UUID);
    assert.deepEqual(contact.contact_inboxes[0].inbox, {
      id: inbox.id, avatar_url: '', channel_id: inbox.channel_id, name: inbox.name, channel_type: 'Channel::Api', provider: null,
    });
    assert.equal(contactInbox.source_id, sourceId);
    assert.deepEqual(Object.keys(contactInbox.inbox), RAW_INBOX_KEYS);
    assert.equal(contactInbox.inbox.id, inbox.id);
    assert.equal(contactInbox.inbox.sender_name_type, 'friendly');
    assert.match(contactInbox.inbox.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const row = await db.selectFrom('contact_inboxes').selectAll().where('source_id', '=', sourceId).executeTakeFirstOrThrow();
    assert.equal(row.contact_id, contact.id);
    assert.equal(row.inbox_id, inbox.id);
    const shown = await t.request('GET', url(account.id, contact.id), { token });
    assert.equal(shown.json().payload.contact_inboxes[0].source_id, sourceId);
    const again = await t.request('POST', `${url(account.id, contact.id)}/contact_inboxes`, { token: (await buildAdmin(db, t.deps.env, account)).token, body: { inbox_id: inbox.id, source_id: sourceId } });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().source_id, sourceId);
    const custom = await t.request('POST', url(account.id), { token, body: { name: 'Custom', inbox_id: inbox.id, source_id: 'ext-42' } });
    assert.equal(custom.json().payload.contact_inbox.source_id, 'ext-42');
  });

  it('answers 404 for an inbox of another account and leaves no contact behind', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const other = await buildAccount(db);
    const { inbox } = await buildInbox(db, { account: other });
    const res = await t.request('POST', url(account.id), { token, body: { name: 'Orphan', email: 'orphan@example.com', inbox_id: inbox.id } });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { error: 'Resource could not be found' });
    assert.equal((await contactsOf(account.id)).length, 0);
  });

  it('refuses a source_id another contact holds in the inbox, leaving no contact behind', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account });
    const holder = await buildContact(db, { account });
    await buildContactInbox(db, { contact: holder, inbox, sourceId: 'dup-source' });
    const res = await t.request('POST', url(account.id), { token, body: { name: 'Second', inbox_id: inbox.id, source_id: 'dup-source' } });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json(), { message: 'Source has already been taken', attributes: ['source_id'] });
    assert.deepEqual((await contactsOf(account.id)).map((row) => row.id), [holder.id]);
  });

  it('refuses a taken email ignoring case, but allows it in another account', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    assert.equal((await t.request('POST', url(account.id), { token, body: { email: 'dup@example.com' } })).statusCode, 200);
    const dup = await t.request('POST', url(account.id), { token, body: { email: 'DUP@Example.com' } });
    assert.equal(dup.statusCode, 422);
    assert.deepEqual(dup.json(), { message: 'Email has already been taken', attributes: ['email'] });
    const other = await buildAgent(db, t.deps.env);
    const elsewhere = await t.request('POST', url(other.account.id), { token: other.token, body: { email: 'Dup@example.com' } });
    assert.equal(elsewhere.statusCode, 200);
    assert.equal(elsewhere.json().payload.contact.email, 'dup@example.com');
  });

  it('names the field on bad input and writes nothing', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    await buildContact(db, { account, contact: { email: 'held@example.com', phone_number: '+442071234567', identifier: 'held-id' } });
    const cases: Array<[Record<string, unknown>, string[], string?]> = [
      [{ name: 'test'.repeat(999) }, ['name'], 'Name is too long (maximum is 255 characters)'],
      [{ email: 'not-an-email' }, ['email'], 'Email Invalid email'],
      [{ email: 'two words@example.com' }, ['email']],
      [{ phone_number: '212-555-1234' }, ['phone_number'], 'Phone number should be in e164 format'],
      [{ phone_number: '+1 (212) 555-1234' }, ['phone_number']],
      [{ phone_number: '+0123' }, ['phone_number']],
      [{ phone_number: '+442071234567' }, ['phone_number'], 'Phone number has already been taken'],
      [{ identifier: 'held-id' }, ['identifier'], 'Identifier has already been taken'],
      [{ email: 'HELD@example.com', identifier: 'held-id' }, ['email', 'identifier']],
      [{ avatar_url: 'javascript:alert(1)' }, ['avatar_url']],
      [{ custom_attributes: 'plan' }, ['custom_attributes']],
      [{ blocked: 'sometimes' }, ['blocked']],
      [{ inbox_id: 'abc' }, ['inbox_id']],
    ];
    for (const [body, attributes, message] of cases) {
      const res = await t.request('POST', url(account.id), { token, body });
      assert.equal(res.statusCode, 422, JSON.stringify(body));
      assert.deepEqual(res.json().attributes, attributes, JSON.stringify(body));
      if (message) {
        assert.equal(res.json().message, message);
      }
    }
    assert.equal((await contactsOf(account.id)).length, 1);
  });

  it('shows a contact, with or without contact inboxes, and 404 across accounts', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account });
    const contact = await buildContact(db, { account, contact: { last_activity_at: 1_700_000_000_123 } });
    await buildContactInbox(db, { contact, inbox, sourceId: 'src-1' });
    const res = await t.request('GET', url(account.id, contact.id), { token });
    assert.equal(res.statusCode, 200);
    const shown = res.json().payload;
    assert.deepEqual(Object.keys(shown), [...CONTACT_KEYS.slice(0, 10), 'last_activity_at', 'created_at', 'contact_inboxes']);
    assert.equal(shown.last_activity_at, 1_700_000_000);
    assert.equal(shown.email, contact.email);
    assert.deepEqual(shown.contact_inboxes.map((ci: { source_id: string }) => ci.source_id), ['src-1']);
    const bare = await t.request('GET', `${url(account.id, contact.id)}?include_contact_inboxes=false`, { token });
    assert.equal(bare.json().payload.contact_inboxes, undefined);
    const other = await buildAgent(db, t.deps.env);
    const cross = await t.request('GET', url(other.account.id, contact.id), { token: other.token });
    assert.equal(cross.statusCode, 404);
    assert.deepEqual(cross.json(), { error: 'Resource could not be found' });
    assert.equal((await t.request('GET', url(account.id, 2_147_483_647), { token })).statusCode, 404);
    assert.equal((await t.request('GET', url(account.id, 99_999_999_999), { token })).statusCode, 422);
  });

  it('updates a contact, merging attribute hashes, and records the changes', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const contact = await buildContact(db, {
      account, contact: { email: null, contact_type: 0, custom_attributes: { test: 'test', test1: 'test1' }, additional_attributes: { attr1: 'attr1', attr2: 'attr2' } },
    });
    const res = await t.request('PATCH', url(account.id, contact.id), {
      token,
      body: { name: 'Test Blub', email: 'Blub@Example.com', custom_attributes: { test: 'new test', test2: 'test2' }, additional_attributes: { attr2: 'new attr2', city: 'Paris' } },
    });
    assert.equal(res.statusCode, 200);
    const updated = res.json().payload;
    assert.equal(updated.name, 'Test Blub');
    assert.equal(updated.email, 'blub@example.com');
    assert.deepEqual(updated.custom_attributes, { test: 'new test', test1: 'test1', test2: 'test2' });
    assert.deepEqual(updated.additional_attributes, { attr1: 'attr1', attr2: 'new attr2', city: 'Paris' });
    assert.deepEqual(updated.contact_inboxes, []);
    const row = await db.selectFrom('contacts').selectAll().where('id', '=', contact.id).executeTakeFirstOrThrow();
    assert.equal(row.contact_type, 1);
    assert.equal(row.location, 'Paris');
    await t.deps.dispatcher.drain();
    const [event] = t.events.of(account.id, 'contact.updated');
    assert.equal(event.contactId, contact.id);
    assert.deepEqual(Object.keys(event.changes ?? {}).sort(), ['additional_attributes', 'contact_type', 'custom_attributes', 'email', 'location', 'name', 'updated_at']);
    assert.deepEqual(event.changes?.name, [contact.name, 'Test Blub']);
    assert.deepEqual(event.changes?.email, [null, 'blub@example.com']);
    const put = await t.request('PUT', url(account.id, contact.id), { token, body: { blocked: true } });
    assert.equal(put.statusCode, 200);
    assert.equal(put.json().payload.blocked, true);
    assert.deepEqual(put.json().payload.custom_attributes, { test: 'new test', test1: 'test1', test2: 'test2' });
  });

  it('refuses taken keys and bad formats on update, 404 across accounts, and keeps the row', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const contact = await buildContact(db, { account, contact: { phone_number: '+15550000001' } });
    const other = await buildContact(db, { account, contact: { phone_number: '+15550000002' } });
    const email = await t.request('PATCH', url(account.id, contact.id), { token, body: { email: other.email?.toUpperCase(), name: 'Changed' } });
    assert.equal(email.statusCode, 422);
    assert.deepEqual(email.json().attributes, ['email']);
    const phone = await t.request('PATCH', url(account.id, contact.id), { token, body: { phone_number: other.phone_number } });
    assert.deepEqual(phone.json().attributes, ['phone_number']);
    const long = await t.request('PATCH', url(account.id, contact.id), { token, body: { name: 'x'.repeat(256) } });
    assert.deepEqual(long.json().attributes, ['name']);
    const same = await t.request('PATCH', url(account.id, contact.id), { token, body: { email: contact.email, phone_number: contact.phone_number } });
    assert.equal(same.statusCode, 200);
    const stranger = await buildAgent(db, t.deps.env);
    const cross = await t.request('PATCH', url(stranger.account.id, contact.id), { token: stranger.token, body: { name: 'Hijack' } });
    assert.equal(cross.statusCode, 404);
    const row = await db.selectFrom('contacts').selectAll().where('id', '=', contact.id).executeTakeFirstOrThrow();
    assert.equal(row.name, contact.name);
    assert.equal(row.email, contact.email);
  });

  it('lets only administrators delete, with cascades and contact.deleted', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const agent = await buildAgent(db, t.deps.env, { account });
    const contact = await buildContact(db, { account });
    const keep = await buildContact(db, { account });
    const conversation = await buildConversation(db, { account, contact });
    await buildMessage(db, { conversation });
    await taggingRepository.replace(db, account.id, 'Contact', contact.id, ['vip']);
    await taggingRepository.replace(db, account.id, 'Conversation', conversation.id, ['vip']);
    const denied = await t.request('DELETE', url(account.id, contact.id), { token: agent.token });
    assert.equal(denied.statusCode, 401);
    assert.deepEqual(denied.json(), { error: 'You are not authorized to do this action' });
    const stranger = await buildAdmin(db, t.deps.env);
    assert.equal((await t.request('DELETE', url(stranger.account.id, contact.id), { token: stranger.token })).statusCode, 404);
    const res = await t.request('DELETE', url(account.id, contact.id), { token });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '');
    assert.deepEqual((await contactsOf(account.id)).map((row) => row.id), [keep.id]);
    assert.equal((await db.selectFrom('contact_inboxes').select('id').where('contact_id', '=', contact.id).execute()).length, 0);
    assert.equal((await db.selectFrom('conversations').select('id').where('id', '=', conversation.id).execute()).length, 0);
    assert.equal((await db.selectFrom('messages').select('id').where('conversation_id', '=', conversation.id).execute()).length, 0);
    assert.equal((await db.selectFrom('taggings').select('id').where('account_id', '=', account.id).execute()).length, 0);
    await t.deps.dispatcher.drain();
    const [event] = t.events.of(account.id, 'contact.deleted');
    assert.equal(event.contactId, contact.id);
    assert.equal((event.data?.contact as { email: string }).email, contact.email);
    assert.equal((await t.request('GET', url(account.id, contact.id), { token })).statusCode, 404);
  });
});
