import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InboxRow } from '../../../../../db/schema.js';
import {
  addInboxMember, buildAccount, buildAdmin, buildAgent, buildContact, buildContactInbox, buildConversation, buildInbox,
} from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const slim = (inbox: InboxRow) => ({ id: inbox.id, avatar_url: '', channel_id: inbox.channel_id, name: inbox.name, channel_type: inbox.channel_type, provider: null });

describe('/api/v1/accounts/:account_id/contacts/:id/contact_inboxes and contactable_inboxes', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const create = (accountId: number, contactId: number) => `/api/v1/accounts/${accountId}/contacts/${contactId}/contact_inboxes`;
  const contactable = (accountId: number, contactId: number) => `/api/v1/accounts/${accountId}/contacts/${contactId}/contactable_inboxes`;
  const rowsOf = (contactId: number) => db.selectFrom('contact_inboxes').selectAll().where('contact_id', '=', contactId).orderBy('id').execute();

  it('answers 401 without a token and with a wrong token', async () => {
    const account = await buildAccount(db);
    const contact = await buildContact(db, { account });
    for (const [method, path] of [['POST', create(account.id, contact.id)], ['GET', contactable(account.id, contact.id)]]) {
      assert.deepEqual((await t.request(method, path, { body: {} })).json(), { errors: ['You need to sign in or sign up before continuing.'] });
      assert.deepEqual((await t.request(method, path, { token: 'nope', body: {} })).json(), { error: 'Invalid Access Token' });
    }
  });

  it('creates a contact inbox with a generated UUID source_id', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account });
    const { user } = await buildAgent(db, t.deps.env, { account });
    await addInboxMember(db, inbox.id, user.id);
    const contact = await buildContact(db, { account });
    const admin = await buildAdmin(db, t.deps.env, account);
    const res = await t.request('POST', create(account.id, contact.id), { token: admin.token, body: { inbox_id: inbox.id } });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), ['source_id', 'inbox']);
    assert.match(body.source_id, UUID);
    assert.deepEqual(body.inbox, slim(inbox));
    const [row] = await rowsOf(contact.id);
    assert.deepEqual([row.inbox_id, row.source_id, row.hmac_verified], [inbox.id, body.source_id, false]);
    assert.ok(row.pubsub_token.length > 10);
    assert.ok(token);
  });

  it('lets an agent use only inboxes they are a member of', async () => {
    const { account, token, user } = await buildAgent(db, t.deps.env);
    const { inbox: mine } = await buildInbox(db, { account });
    const { inbox: theirs } = await buildInbox(db, { account });
    await addInboxMember(db, mine.id, user.id);
    const contact = await buildContact(db, { account });
    const denied = await t.request('POST', create(account.id, contact.id), { token, body: { inbox_id: theirs.id } });
    assert.equal(denied.statusCode, 401);
    assert.deepEqual(denied.json(), { error: 'You are not authorized to do this action' });
    const res = await t.request('POST', create(account.id, contact.id), { token, body: { inbox_id: String(mine.id), source_id: 'custom-1', hmac_verified: true } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { source_id: 'custom-1', inbox: slim(mine) });
    const rows = await rowsOf(contact.id);
    assert.deepEqual(rows.map((row) => [row.inbox_id, row.source_id, row.hmac_verified]), [[mine.id, 'custom-1', true]]);
  });

  it('returns the existing contact inbox for the same source_id and refuses one another contact holds', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account });
    const contact = await buildContact(db, { account });
    const holder = await buildContact(db, { account });
    await buildContactInbox(db, { contact: holder, inbox, sourceId: 'held' });
    const first = await t.request('POST', create(account.id, contact.id), { token, body: { inbox_id: inbox.id, source_id: 'mine' } });
    const again = await t.request('POST', create(account.id, contact.id), { token, body: { inbox_id: inbox.id, source_id: 'mine' } });
    assert.deepEqual(again.json(), first.json());
    assert.equal((await rowsOf(contact.id)).length, 1);
    const taken = await t.request('POST', create(account.id, contact.id), { token, body: { inbox_id: inbox.id, source_id: 'held' } });
    assert.equal(taken.statusCode, 422);
    assert.deepEqual(taken.json(), { message: 'Source has already been taken', attributes: ['source_id'] });
    assert.equal((await rowsOf(contact.id)).length, 1);
  });

  it('answers 404 for another account\'s contact or inbox and 422 naming bad fields', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account });
    const contact = await buildContact(db, { account });
    const other = await buildAccount(db);
    const { inbox: foreignInbox } = await buildInbox(db, { account: other });
    const foreignContact = await buildContact(db, { account: other });
    const crossContact = await t.request('POST', create(account.id, foreignContact.id), { token, body: { inbox_id: inbox.id } });
    assert.equal(crossContact.statusCode, 404);
    const crossInbox = await t.request('POST', create(account.id, contact.id), { token, body: { inbox_id: foreignInbox.id } });
    assert.equal(crossInbox.statusCode, 404);
    assert.deepEqual(crossInbox.json(), { error: 'Resource could not be found' });
    const missing = await t.request('POST', create(account.id, contact.id), { token, body: {} });
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(missing.json().attributes, ['inbox_id']);
    const long = await t.request('POST', create(account.id, contact.id), { token, body: { inbox_id: inbox.id, source_id: 'x'.repeat(256) } });
    assert.deepEqual(long.json().attributes, ['source_id']);
    assert.equal((await rowsOf(contact.id)).length, 0);
    assert.equal((await t.request('GET', contactable(account.id, foreignContact.id), { token })).statusCode, 404);
  });

  it('lists contactable inboxes: API inboxes with the existing or a fresh source_id, by channel rules', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const contact = await buildContact(db, { account, contact: { email: 'reach@example.com' } });
    const { inbox: known } = await buildInbox(db, { account });
    const { inbox: fresh } = await buildInbox(db, { account });
    const { inbox: website } = await buildInbox(db, { account, inbox: { channel_type: 'Channel::WebWidget' } });
    const { inbox: usedWebsite } = await buildInbox(db, { account, inbox: { channel_type: 'Channel::WebWidget' } });
    const { inbox: email } = await buildInbox(db, { account, inbox: { channel_type: 'Channel::Email' } });
    const { inbox: sms } = await buildInbox(db, { account, inbox: { channel_type: 'Channel::Sms' } });
    await buildContactInbox(db, { contact, inbox: known, sourceId: 'known-src' });
    await buildContactInbox(db, { contact, inbox: website, sourceId: 'web-src' });
    await buildConversation(db, { account, contact, inbox: usedWebsite });
    const res = await t.request('GET', contactable(account.id, contact.id), { token });
    assert.equal(res.statusCode, 200);
    const payload = res.json().payload as Array<{ inbox: { id: number }; source_id: string }>;
    assert.deepEqual(Object.keys(payload[0]), ['inbox', 'source_id']);
    assert.deepEqual(payload.map((entry) => entry.inbox.id), [known.id, fresh.id, website.id, email.id]);
    assert.deepEqual(payload[0], { inbox: slim(known), source_id: 'known-src' });
    assert.match(payload[1].source_id, UUID);
    assert.equal(payload[2].source_id, 'web-src');
    assert.equal(payload[3].source_id, 'reach@example.com');
    assert.ok(!payload.some((entry) => entry.inbox.id === sms.id || entry.inbox.id === usedWebsite.id));
  });

  it('lists only the inboxes an agent is a member of', async () => {
    const { account, token, user } = await buildAgent(db, t.deps.env);
    const { inbox: mine } = await buildInbox(db, { account });
    await buildInbox(db, { account });
    await addInboxMember(db, mine.id, user.id);
    const contact = await buildContact(db, { account });
    const res = await t.request('GET', contactable(account.id, contact.id), { token });
    assert.deepEqual(res.json().payload.map((entry: { inbox: { id: number } }) => entry.inbox.id), [mine.id]);
  });
});
