import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAccount, buildAgent, buildContact } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('contact rules: types, names, places, activity, attribute round-trips', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, id?: number) => `/api/v1/accounts/${accountId}/contacts${id === undefined ? '' : `/${id}`}`;
  const row = (id: number) => db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('makes a contact without email, phone or social profile a visitor; a lead once one arrives; customer stays', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const created = await t.request('POST', url(account.id), { token, body: { name: 'Nobody' } });
    const id = created.json().payload.contact.id as number;
    assert.equal((await row(id)).contact_type, 0);
    await t.request('PATCH', url(account.id, id), { token, body: { additional_attributes: { social_twitter_user_name: 'nobody' } } });
    assert.equal((await row(id)).contact_type, 1);
    const phone = await t.request('POST', url(account.id), { token, body: { phone_number: '+12125551234' } });
    assert.equal((await row(phone.json().payload.contact.id)).contact_type, 1);
    const customer = await t.request('PATCH', url(account.id, id), { token, body: { contact_type: 'customer' } });
    assert.equal(customer.statusCode, 200);
    assert.equal((await row(id)).contact_type, 2);
    await t.request('PATCH', url(account.id, id), { token, body: { email: 'now@example.com' } });
    assert.equal((await row(id)).contact_type, 2, 'a customer is never downgraded');
    // Chatwoot's sync runs after assignment: a visitor with an email is promoted again.
    await t.request('PATCH', url(account.id, id), { token, body: { contact_type: 'visitor' } });
    assert.equal((await row(id)).contact_type, 1);
    const bad = await t.request('PATCH', url(account.id, id), { token, body: { contact_type: 'vip' } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['contact_type']);
  });

  it('stores middle and last name, location and country code (as city and country), last activity', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const res = await t.request('POST', url(account.id), {
      token, body: { name: 'Ana', middle_name: 'Maria', last_name: 'Silva', location: 'Porto', country_code: 'PT', last_activity_at: 1_700_000_000 },
    });
    assert.equal(res.statusCode, 200);
    const contact = res.json().payload.contact;
    assert.equal(contact.last_activity_at, 1_700_000_000);
    assert.deepEqual(contact.additional_attributes, { city: 'Porto', country: 'PT' });
    const stored = await row(contact.id);
    assert.deepEqual([stored.middle_name, stored.last_name, stored.location, stored.country_code, stored.last_activity_at],
      ['Maria', 'Silva', 'Porto', 'PT', 1_700_000_000_000]);
    const updated = await t.request('PATCH', url(account.id, contact.id), { token, body: { last_name: null, additional_attributes: { city: 'Braga' }, last_activity_at: null } });
    assert.equal(updated.json().payload.last_activity_at, undefined);
    const after = await row(contact.id);
    assert.deepEqual([after.last_name, after.location, after.country_code, after.last_activity_at], ['', 'Braga', 'PT', null]);
    const long = await t.request('PATCH', url(account.id, contact.id), { token, body: { middle_name: 'x'.repeat(256) } });
    assert.equal(long.statusCode, 422);
    assert.deepEqual(long.json().attributes, ['middle_name']);
    const negative = await t.request('PATCH', url(account.id, contact.id), { token, body: { last_activity_at: -5 } });
    assert.deepEqual([negative.statusCode, negative.json().attributes], [422, ['last_activity_at']]);
  });

  it('round-trips additional and custom attributes exactly: nested objects, numbers, booleans, dates, arrays, null', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const custom = {
      plan: 'pro', seats: 12, ratio: 0.75, negative: -3, big: 9007199254740991, trial: false, vip: true, renews_on: '2026-11-21',
      signed_up_at: '2026-01-02T03:04:05.000Z', tags: ['a', 'b', 1, true], nested: { level: { deeper: { value: 'x', n: 0 } }, empty: {} }, nothing: null,
      unicode: 'ação 日本 🚀', quote: 'say "hi", ok',
    };
    const additional = { company_name: 'Acme', job_title: 'CTO', social_profiles: { github: 'ana', linkedin: '' }, browser: { name: 'Firefox', version: 120 } };
    const res = await t.request('POST', url(account.id), { token, body: { name: 'Ana', custom_attributes: custom, additional_attributes: additional } });
    const id = res.json().payload.contact.id as number;
    const shown = (await t.request('GET', url(account.id, id), { token })).json().payload;
    assert.deepEqual(shown.custom_attributes, custom);
    assert.deepEqual(shown.additional_attributes, additional);
    assert.deepEqual((await row(id)).custom_attributes, custom);
    const merged = await t.request('PATCH', url(account.id, id), { token, body: { custom_attributes: { seats: 13, nested: { other: 1 } } } });
    assert.deepEqual(merged.json().payload.custom_attributes, { ...custom, seats: 13, nested: { other: 1 } });
  });

  it('keeps identifier unique per account on update, case-sensitively, and free across accounts', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    await buildContact(db, { account, contact: { identifier: 'ext-1' } });
    const mine = await buildContact(db, { account });
    const taken = await t.request('PATCH', url(account.id, mine.id), { token, body: { identifier: 'ext-1' } });
    assert.deepEqual([taken.statusCode, taken.json()], [422, { message: 'Identifier has already been taken', attributes: ['identifier'] }]);
    assert.equal((await row(mine.id)).identifier, null);
    const otherCase = await t.request('PATCH', url(account.id, mine.id), { token, body: { identifier: 'EXT-1' } });
    assert.equal(otherCase.statusCode, 200);
    const elsewhere = await buildAccount(db);
    const other = await buildAgent(db, t.deps.env, { account: elsewhere });
    const created = await t.request('POST', url(elsewhere.id), { token: other.token, body: { identifier: 'ext-1', email: mine.email } });
    assert.equal(created.statusCode, 200);
  });

  it('refuses phone numbers that are not E.164 on update and keeps the stored one', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const contact = await buildContact(db, { account, contact: { phone_number: '+12125551234' } });
    for (const phone of ['212-555-1234', '+1 (212) 555-1234', '12125551234', '+1212555123456789']) {
      const res = await t.request('PATCH', url(account.id, contact.id), { token, body: { phone_number: phone } });
      assert.deepEqual([res.statusCode, res.json().attributes], [422, ['phone_number']], phone);
    }
    assert.equal((await row(contact.id)).phone_number, '+12125551234');
  });
});
