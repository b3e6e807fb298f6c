import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccountRow, ContactRow } from '../../../../../db/schema.js';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import { buildAccount, buildAdmin, buildAgent, buildAgentBot, buildContact, buildContactInbox, buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

type Listed = { id: number; email: string | null; name: string; contact_inboxes?: unknown[] };

describe('GET /api/v1/accounts/:account_id/contacts and /contacts/search', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, rest = '') => `/api/v1/accounts/${accountId}/contacts${rest}`;
  const ids = (payload: Listed[]) => payload.map((contact) => contact.id);
  const contact = (account: AccountRow, values: Partial<ContactRow> = {}) => buildContact(db, { account, contact: values });

  it('answers 401 without a token, with a wrong token, and for agent bots', async () => {
    const account = await buildAccount(db);
    for (const path of [url(account.id), url(account.id, '/search?q=a')]) {
      assert.deepEqual((await t.request('GET', path)).json(), { errors: ['You need to sign in or sign up before continuing.'] });
      assert.deepEqual((await t.request('GET', path, { token: 'nope' })).json(), { error: 'Invalid Access Token' });
    }
    const { token } = await buildAgentBot(db, t.deps.env, { account });
    const bot = await t.request('GET', url(account.id), { token });
    assert.equal(bot.statusCode, 401);
    assert.deepEqual(bot.json(), { error: 'Access to this endpoint is not authorized for bots' });
  });

  it('pages 15 at a time with the total count, leaving out anonymous contacts and other accounts', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const made: ContactRow[] = [];
    for (let i = 0; i < 16; i += 1) {
      made.push(await contact(account));
    }
    made.push(await contact(account, { email: null, phone_number: '+15550001000' }));
    made.push(await contact(account, { email: null, identifier: 'only-identifier' }));
    await contact(account, { email: null, name: 'Anonymous visitor', contact_type: 0 });
    const otherAccount = await buildAccount(db);
    await contact(otherAccount);
    const first = await t.request('GET', url(account.id), { token });
    assert.equal(first.statusCode, 200);
    assert.deepEqual(Object.keys(first.json()), ['meta', 'payload']);
    assert.deepEqual(first.json().meta, { count: 18, current_page: 1 });
    assert.deepEqual(ids(first.json().payload), made.slice(0, 15).map((c) => c.id));
    const second = await t.request('GET', url(account.id, '?page=2'), { token });
    assert.deepEqual(second.json().meta, { count: 18, current_page: '2' });
    assert.deepEqual(ids(second.json().payload), made.slice(15).map((c) => c.id));
    const beyond = await t.request('GET', url(account.id, '?page=9'), { token });
    assert.deepEqual(beyond.json(), { meta: { count: 18, current_page: '9' }, payload: [] });
    const bad = await t.request('GET', url(account.id, '?page=abc'), { token });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['page']);
  });

  it('lists leads instead when the account has the crm_v2 feature', async () => {
    const account = await buildAccount(db, { features: { crm_v2: true } });
    const { token } = await buildAgent(db, t.deps.env, { account });
    const lead = await contact(account, { email: null, contact_type: 1 });
    await contact(account, { contact_type: 0 });
    const res = await t.request('GET', url(account.id), { token });
    assert.deepEqual(res.json().meta, { count: 1, current_page: 1 });
    assert.deepEqual(ids(res.json().payload), [lead.id]);
  });

  it('presents each contact with its contact inboxes unless asked not to', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account });
    const jane = await contact(account, { name: 'Jane' });
    await buildContactInbox(db, { contact: jane, inbox, sourceId: 'jane-src' });
    const res = await t.request('GET', url(account.id), { token });
    const [listed] = res.json().payload;
    assert.deepEqual(listed, {
      additional_attributes: {}, availability_status: 'offline', email: jane.email, id: jane.id, name: 'Jane', phone_number: null,
      blocked: false, identifier: null, thumbnail: '', custom_attributes: {}, created_at: Math.floor(jane.created_at / 1000),
      contact_inboxes: [{ source_id: 'jane-src', inbox: { id: inbox.id, avatar_url: '', channel_id: inbox.channel_id, name: inbox.name, channel_type: 'Channel::Api', provider: null } }],
    });
    const bare = await t.request('GET', url(account.id, '?include_contact_inboxes=false'), { token });
    assert.equal(bare.json().payload[0].contact_inboxes, undefined);
  });

  it('sorts by the allowed keys, descending with a - prefix', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const bob = await contact(account, { name: 'bob', email: 'b@example.com', last_activity_at: 3000, additional_attributes: { company_name: 'Zeta', city: 'Oslo', country: 'Norway' } });
    const alice = await contact(account, { name: 'Alice', email: 'c@example.com', last_activity_at: null, additional_attributes: { company_name: 'Acme' } });
    const carol = await contact(account, { name: 'carol', email: 'a@example.com', last_activity_at: 5000, additional_attributes: {} });
    const sorted = async (sort: string) => ids((await t.request('GET', url(account.id, `?sort=${sort}`), { token })).json().payload);
    assert.deepEqual(await sorted('name'), [alice.id, bob.id, carol.id]);
    assert.deepEqual(await sorted('-name'), [carol.id, bob.id, alice.id]);
    assert.deepEqual(await sorted('email'), [carol.id, bob.id, alice.id]);
    assert.deepEqual(await sorted('-last_activity_at'), [carol.id, bob.id, alice.id]);
    assert.deepEqual(await sorted('last_activity_at'), [bob.id, carol.id, alice.id]);
    assert.deepEqual(await sorted('company_name'), [alice.id, bob.id, carol.id]);
    assert.deepEqual(await sorted('-company_name'), [bob.id, alice.id, carol.id]);
    assert.deepEqual(await sorted('-city'), [bob.id, alice.id, carol.id]);
    assert.deepEqual(await sorted('unknown'), [bob.id, alice.id, carol.id]);
  });

  it('keeps contacts carrying any of the labels', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const one = await contact(account);
    const two = await contact(account);
    await contact(account);
    await taggingRepository.replace(db, account.id, 'Contact', one.id, ['label1']);
    await taggingRepository.replace(db, account.id, 'Contact', two.id, ['label2', 'label3']);
    const res = await t.request('GET', url(account.id, '?labels[]=label1&labels[]=label2'), { token });
    assert.deepEqual(res.json().meta, { count: 2, current_page: 1 });
    assert.deepEqual(ids(res.json().payload), [one.id, two.id]);
    const plain = await t.request('GET', url(account.id, '?labels=label3'), { token });
    assert.deepEqual(ids(plain.json().payload), [two.id]);
  });

  it('searches name, email and phone ignoring case, identifier respecting it, anonymous contacts included', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const named = await contact(account, { name: 'TestContact Person', email: null, contact_type: 0 });
    const mailed = await contact(account, { email: 'test@test.com' });
    const phoned = await contact(account, { phone_number: '+15557770001' });
    const special = await contact(account, { identifier: 'TestIdentifier' });
    await contact(account, { identifier: 'testidentifier' });
    await contact(await buildAccount(db), { name: 'testcontact elsewhere' });
    const search = async (q: string) => (await t.request('GET', url(account.id, `/search?q=${encodeURIComponent(q)}`), { token })).json();
    assert.deepEqual(ids((await search('testcontact')).payload), [named.id]);
    assert.deepEqual(ids((await search('Test@Test.com')).payload), [mailed.id]);
    assert.deepEqual(ids((await search('5557770')).payload), [phoned.id]);
    assert.deepEqual(ids((await search('TestIdentifier')).payload), [special.id]);
    assert.deepEqual(ids((await search('100%')).payload), []);
    const body = await search(' test@test.com ');
    assert.deepEqual(body.meta, { count: 1, current_page: 1, has_more: false });
    assert.equal(body.payload[0].contact_inboxes.length, 0);
    const blank = await t.request('GET', url(account.id, '/search?q=%20'), { token });
    assert.equal(blank.statusCode, 422);
    assert.deepEqual(blank.json(), { error: 'Specify search string with parameter q' });
  });

  it('tells has_more and counts only the rows of the page', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    for (let i = 0; i < 16; i += 1) {
      await contact(account, { name: `searchable_contact_${i}` });
    }
    const first = (await t.request('GET', url(account.id, '/search?q=searchable_contact'), { token })).json();
    assert.deepEqual(first.meta, { count: 15, current_page: 1, has_more: true });
    assert.equal(first.payload.length, 15);
    const last = (await t.request('GET', url(account.id, '/search?q=searchable_contact&page=2'), { token })).json();
    assert.deepEqual(last.meta, { count: 1, current_page: '2', has_more: false });
  });
});
