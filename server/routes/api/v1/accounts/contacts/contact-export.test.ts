import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvParser } from '../../../../../lib/csv/parse.js';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import { buildAccount, buildAdmin, buildAgent, buildContact } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('POST /api/v1/accounts/:account_id/contacts/export', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number) => `/api/v1/accounts/${accountId}/contacts/export`;

  function rowsOf(body: string): string[][] {
    assert.ok(body.startsWith('\uFEFF'), 'starts with a byte-order mark');
    const parser = new CsvParser();
    return [...parser.push(body), ...parser.end()].map((r) => r.fields);
  }

  it('streams identified contacts with the default columns, across several pages, and none of another account', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const values = Array.from({ length: 1203 }, (_, i) => ({
      account_id: account.id, name: `Person, ${i}`, middle_name: '', last_name: '', email: `p${i}@example.com`, phone_number: null, identifier: null,
      additional_attributes: {}, custom_attributes: {}, last_activity_at: null, contact_type: 1, location: '', country_code: '', blocked: false,
      avatar_url: null, created_at: 1, updated_at: 1,
    }));
    for (let i = 0; i < values.length; i += 200) {
      await db.insertInto('contacts').values(values.slice(i, i + 200)).execute();
    }
    await buildContact(db, { account, contact: { email: null, phone_number: null, identifier: null, name: 'Anonymous' } });
    const tagged = await buildContact(db, { account, contact: { email: 'tagged@example.com', name: 'Say "hi"\nthere' } });
    await taggingRepository.replace(db, account.id, 'Contact', tagged.id, ['vip', 'beta']);
    await buildContact(db, { account: await buildAccount(db), contact: { email: 'foreign@example.com' } });
    const res = await t.request('POST', url(account.id), { token });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename=".*_contacts\.csv"/);
    const rows = rowsOf(res.body);
    assert.deepEqual(rows[0], ['\uFEFFid'.slice(1), 'name', 'email', 'phone_number', 'labels']);
    assert.equal(rows.length, 1 + 1204);
    assert.deepEqual(rows[1].slice(1), ['Person, 0', 'p0@example.com', '', '']);
    assert.deepEqual(rows[rows.length - 1], [String(tagged.id), 'Say "hi"\nthere', 'tagged@example.com', '', 'vip,beta']);
    assert.ok(!res.body.includes('Anonymous') && !res.body.includes('foreign@'));
  });

  it('keeps the requested known columns in order, filters by label, and refuses agents', async () => {
    const account = await buildAccount(db);
    const admin = await buildAdmin(db, t.deps.env, account);
    const agent = await buildAgent(db, t.deps.env, { account });
    const vip = await buildContact(db, { account, contact: { email: 'vip@example.com', identifier: 'v-1', custom_attributes: { plan: 'pro' }, blocked: true } });
    await buildContact(db, { account, contact: { email: 'plain@example.com' } });
    await taggingRepository.replace(db, account.id, 'Contact', vip.id, ['vip']);
    const res = await t.request('POST', url(account.id), {
      token: admin.token, body: { column_names: ['email', 'nope', 'identifier', 'custom_attributes', 'contact_type', 'blocked', 'email'], label: 'vip' },
    });
    assert.deepEqual(rowsOf(res.body).map((r) => r.map((f) => f.replace('\uFEFF', ''))), [
      ['email', 'identifier', 'custom_attributes', 'contact_type', 'blocked'],
      ['vip@example.com', 'v-1', '{"plan":"pro"}', 'lead', 'true'],
    ]);
    const denied = await t.request('POST', url(account.id), { token: agent.token });
    assert.deepEqual([denied.statusCode, denied.json()], [401, { error: 'You are not authorized to do this action' }]);
    const bad = await t.request('POST', url(account.id), { token: admin.token, body: { column_names: 5 } });
    assert.equal(bad.statusCode, 200, 'a number is coerced to a column name that is not known');
  });

  it('exports only the contacts a filter payload matches (standard and custom attributes, AND/OR), streamed page by page', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const definition = await t.request('POST', `/api/v1/accounts/${account.id}/custom_attribute_definitions`, {
      token, body: { attribute_display_name: 'Plan', attribute_key: 'plan', attribute_model: 'contact_attribute', attribute_display_type: 'list' },
    });
    assert.equal(definition.statusCode, 200, definition.body);
    const values = Array.from({ length: 1105 }, (_, i) => ({
      account_id: account.id, name: i % 2 === 0 ? `Even Archer ${i}` : `Odd Baker ${i}`, middle_name: '', last_name: '', email: `f${i}@filter.example`,
      phone_number: null, identifier: null, additional_attributes: { city: i % 3 === 0 ? 'Berlin' : 'Paris' }, custom_attributes: { plan: i % 5 === 0 ? 'pro' : 'free' },
      last_activity_at: null, contact_type: 1, location: '', country_code: '', blocked: false, avatar_url: null, created_at: 1, updated_at: 1,
    }));
    for (let i = 0; i < values.length; i += 200) {
      await db.insertInto('contacts').values(values.slice(i, i + 200)).execute();
    }
    const anonymous = await buildContact(db, { account, contact: { email: null, phone_number: null, identifier: null, name: 'Archer Anonymous' } });
    await buildContact(db, { account: await buildAccount(db), contact: { email: 'archer@foreign.example', name: 'Foreign Archer' } });
    const exported = async (body: unknown) => {
      const res = await t.request('POST', url(account.id), { token, body });
      assert.equal(res.statusCode, 200, res.body);
      return rowsOf(res.body).slice(1);
    };

    const all = await exported({ payload: [{ attribute_key: 'email', filter_operator: 'contains', values: ['@FILTER.'] }], column_names: ['email'] });
    assert.deepEqual(all, values.map((v) => [v.email]), 'more than one page, in id order');
    const archers = await exported({ payload: [{ attribute_key: 'name', filter_operator: 'contains', values: ['ARCHER'], query_operator: null }], column_names: ['name', 'email'] });
    assert.equal(archers.length, 553);
    assert.ok(archers.every(([name]) => name.startsWith('Even Archer ')), 'only matching, identified contacts of the account');
    assert.ok(!archers.some(([name]) => name === anonymous.name || name === 'Foreign Archer'));

    const mixed = await exported({
      label: 'ignored-when-a-payload-is-given',
      payload: [
        { attribute_key: 'city', filter_operator: 'equal_to', values: ['berlin'], query_operator: 'AND' },
        { attribute_key: 'plan', filter_operator: 'equal_to', values: ['pro'], query_operator: 'OR' },
        { attribute_key: 'email', filter_operator: 'equal_to', values: ['f1@filter.example'], query_operator: null },
      ],
      column_names: ['email'],
    });
    const expected = values.map((v, i) => [v, i] as const)
      .filter(([v, i]) => (v.additional_attributes.city === 'Berlin' && v.custom_attributes.plan === 'pro') || i === 1).map(([v]) => [v.email]);
    assert.deepEqual(mixed, expected);

    assert.deepEqual(await exported({ payload: [], label: 'none-has-it' }), [], 'an empty payload falls back to the label');
  });

  it('answers 422 naming the bad key, operator or value of a filter payload, before any CSV is sent', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    await buildContact(db, { account, contact: { email: 'one@example.com' } });
    const check = async (payload: unknown, error: string) => {
      const res = await t.request('POST', url(account.id), { token, body: { payload } });
      assert.equal(res.statusCode, 422, res.body);
      assert.match(String(res.headers['content-type']), /json/);
      assert.deepEqual(res.json(), { error });
    };
    await check([{ attribute_key: 'shoe_size', filter_operator: 'equal_to', values: ['42'] }],
      'Invalid attribute key - [shoe_size]. The key should be one of [name,phone_number,email,identifier,country_code,city,company_name,labels,created_at,last_activity_at,blocked] or a custom attribute defined in the account.');
    await check([{ attribute_key: 'name', filter_operator: 'is_greater_than', values: ['a'] }],
      'Invalid operator. The allowed operators for name are [equal_to,not_equal_to,contains,does_not_contain].');
    await check([{ attribute_key: 'created_at', filter_operator: 'is_greater_than', values: ['yesterday'] }],
      'Invalid value. The values provided for created_at are invalid');
    const noKey = await t.request('POST', url(account.id), { token, body: { payload: [{ filter_operator: 'equal_to' }] } });
    assert.equal(noKey.statusCode, 422);
    assert.deepEqual(noKey.json().attributes, ['payload.0.attribute_key']);
  });
});
