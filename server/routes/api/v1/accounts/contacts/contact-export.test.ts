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

  it('keeps the requested known columns in order, filters by label, and refuses agents and a filter payload', async () => {
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
    const filtered = await t.request('POST', url(account.id), { token: admin.token, body: { payload: [{ attribute_key: 'email', filter_operator: 'contains', values: ['x'] }] } });
    assert.equal(filtered.statusCode, 422);
    const bad = await t.request('POST', url(account.id), { token: admin.token, body: { column_names: 5 } });
    assert.equal(bad.statusCode, 200, 'a number is coerced to a column name that is not known');
  });
});
