import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccountRow, ContactRow } from '../../../../../db/schema.js';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import { buildAccount, buildAdmin, buildAgent, buildContact } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

type Condition = { attribute_key: string; filter_operator: string; values?: unknown; query_operator?: string | null };

describe('POST /contacts/filter and GET /contacts/active', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const DAY = 86_400_000;
  const contact = (account: AccountRow, values: Partial<ContactRow> = {}) => buildContact(db, { account, contact: values });

  async function filter(accountId: number, token: string, payload: Condition[], query = '') {
    return t.request('POST', `/api/v1/accounts/${accountId}/contacts/filter${query}`, { token, body: { payload } });
  }
  async function ids(accountId: number, token: string, payload: Condition[]): Promise<number[]> {
    const res = await filter(accountId, token, payload);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().payload.map((c: { id: number }) => c.id).sort((a: number, b: number) => a - b);
  }
  const cond = (attribute_key: string, filter_operator: string, values?: unknown, query_operator: string | null = null): Condition =>
    ({ attribute_key, filter_operator, values, query_operator });

  async function seed() {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const now = Date.now();
    const ann = await contact(account, {
      name: 'Ann Archer', email: 'ann@alpha.test', phone_number: '+15550001111', identifier: 'ANN-1', blocked: false,
      additional_attributes: { city: 'Berlin', company_name: 'Acme', country_code: 'DE' }, created_at: now - 10 * DAY, last_activity_at: now - 2 * DAY,
      custom_attributes: { plan: 'Pro', seats: 12, renews: '2026-03-01', vip: true },
    });
    const bob = await contact(account, {
      name: 'Bob Baker', email: 'bob@beta.test', phone_number: '+15550002222', blocked: true,
      additional_attributes: { city: 'Paris', company_name: 'Bakery' }, created_at: now - 40 * DAY, last_activity_at: null,
      custom_attributes: { plan: 'free', seats: '3', renews: '2025-12-31', vip: false },
    });
    const cat = await contact(account, { name: 'Cat Carter', email: 'cat@alpha.test', created_at: now, custom_attributes: {} });
    await contact(account, { name: 'Anonymous', email: null, phone_number: null, identifier: null });
    await taggingRepository.replace(db, account.id, 'Contact', ann.id, ['vip', 'lead']);
    await taggingRepository.replace(db, account.id, 'Contact', bob.id, ['lead']);
    for (const [key, type] of [['plan', 'list'], ['seats', 'number'], ['renews', 'date'], ['vip', 'checkbox']]) {
      const res = await t.request('POST', `/api/v1/accounts/${account.id}/custom_attribute_definitions`, {
        token, body: { attribute_display_name: key, attribute_key: key, attribute_model: 'contact_attribute', attribute_display_type: type },
      });
      assert.equal(res.statusCode, 200);
    }
    return { account, token, ann, bob, cat };
  }

  it('filters standard attributes with each operator', async () => {
    const { account, token, ann, bob, cat } = await seed();
    const f = (payload: Condition[]) => ids(account.id, token, payload);
    assert.deepEqual(await f([cond('name', 'equal_to', ['ann archer'])]), [ann.id]);
    assert.deepEqual(await f([cond('name', 'not_equal_to', ['Ann Archer'])]), [bob.id, cat.id]);
    assert.deepEqual(await f([cond('name', 'contains', ['ARCH'])]), [ann.id]);
    assert.deepEqual(await f([cond('name', 'contains', ['er'])]), [ann.id, bob.id, cat.id]);
    assert.deepEqual(await f([cond('name', 'does_not_contain', ['bak'])]), [ann.id, cat.id]);
    assert.deepEqual(await f([cond('email', 'contains', ['alpha'])]), [ann.id, cat.id]);
    assert.deepEqual(await f([cond('email', 'equal_to', ['BOB@beta.test'])]), [bob.id]);
    assert.deepEqual(await f([cond('phone_number', 'equal_to', ['15550001111'])]), [ann.id]);
    assert.deepEqual(await f([cond('phone_number', 'starts_with', ['+1555000'])]), [ann.id, bob.id]);
    assert.deepEqual(await f([cond('phone_number', 'contains', ['2222'])]), [bob.id]);
    assert.deepEqual(await f([cond('identifier', 'equal_to', ['ann-1'])]), [ann.id]);
    assert.deepEqual(await f([cond('city', 'equal_to', ['berlin'])]), [ann.id]);
    assert.deepEqual(await f([cond('city', 'contains', ['ari'])]), [bob.id]);
    assert.deepEqual(await f([cond('company_name', 'does_not_contain', ['acme'])]), [bob.id]);
    assert.deepEqual(await f([cond('country_code', 'equal_to', ['de'])]), [ann.id]);
    assert.deepEqual(await f([cond('blocked', 'equal_to', [true])]), [bob.id]);
    assert.deepEqual(await f([cond('blocked', 'not_equal_to', ['true'])]), [ann.id, cat.id]);
    assert.deepEqual(await f([cond('labels', 'equal_to', ['vip'])]), [ann.id]);
    assert.deepEqual(await f([cond('labels', 'not_equal_to', ['vip'])]), [bob.id, cat.id]);
    assert.deepEqual(await f([cond('labels', 'is_present')]), [ann.id, bob.id]);
    assert.deepEqual(await f([cond('labels', 'is_not_present')]), [cat.id]);
    const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
    assert.deepEqual(await f([cond('created_at', 'is_less_than', [day(-5)])]), [ann.id, bob.id]);
    assert.deepEqual(await f([cond('created_at', 'is_greater_than', [day(-20)])]), [ann.id, cat.id]);
    assert.deepEqual(await f([cond('created_at', 'days_before', ['30'])]), [bob.id]);
    assert.deepEqual(await f([cond('last_activity_at', 'is_less_than', [day(0)])]), [ann.id]);
  });

  it('filters custom attributes by their definition type', async () => {
    const { account, token, ann, bob, cat } = await seed();
    const f = (payload: Condition[]) => ids(account.id, token, payload);
    assert.deepEqual(await f([cond('plan', 'equal_to', ['pro'])]), [ann.id]);
    assert.deepEqual(await f([cond('plan', 'not_equal_to', ['pro'])]), [bob.id, cat.id], 'a contact without the attribute is not equal');
    assert.deepEqual(await f([cond('plan', 'contains', ['RE'])]), [bob.id]);
    assert.deepEqual(await f([cond('plan', 'is_present')]), [ann.id, bob.id]);
    assert.deepEqual(await f([cond('plan', 'is_not_present')]), [cat.id]);
    assert.deepEqual(await f([cond('seats', 'is_greater_than', [5])]), [ann.id]);
    assert.deepEqual(await f([cond('seats', 'is_less_than', ['5'])]), [bob.id]);
    assert.deepEqual(await f([cond('seats', 'equal_to', [3])]), [bob.id]);
    assert.deepEqual(await f([cond('renews', 'is_greater_than', ['2026-01-01'])]), [ann.id]);
    assert.deepEqual(await f([cond('renews', 'is_less_than', ['2026-01-01'])]), [bob.id]);
    assert.deepEqual(await f([cond('renews', 'equal_to', ['2025-12-31'])]), [bob.id]);
    assert.deepEqual(await f([cond('vip', 'equal_to', [true])]), [ann.id]);
    assert.deepEqual(await f([cond('vip', 'equal_to', ['false'])]), [bob.id]);
  });

  it('chains conditions with AND binding tighter than OR', async () => {
    const { account, token, ann, bob, cat } = await seed();
    const f = (payload: Condition[]) => ids(account.id, token, payload);
    assert.deepEqual(await f([cond('email', 'contains', ['alpha'], 'AND'), cond('city', 'equal_to', ['berlin'])]), [ann.id]);
    assert.deepEqual(await f([cond('city', 'equal_to', ['berlin'], 'or'), cond('city', 'equal_to', ['paris'])]), [ann.id, bob.id]);
    // a AND b OR c  =  (a AND b) OR c
    assert.deepEqual(await f([
      cond('name', 'contains', ['ann'], 'AND'), cond('blocked', 'equal_to', [true], 'OR'), cond('name', 'contains', ['cat']),
    ]), [cat.id]);
    // a OR b AND c  =  a OR (b AND c)
    assert.deepEqual(await f([
      cond('name', 'contains', ['cat'], 'OR'), cond('email', 'contains', ['beta'], 'AND'), cond('blocked', 'equal_to', [true]),
    ]), [bob.id, cat.id]);
    assert.deepEqual(await f([]), [ann.id, bob.id, cat.id]);
  });

  it('pages, counts and sorts the matches; leaves out anonymous contacts', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    for (let i = 0; i < 17; i += 1) {
      await contact(account, { name: `Member ${String(i).padStart(2, '0')}` });
    }
    const payload = [cond('name', 'starts_with', ['member'])];
    assert.equal((await filter(account.id, token, payload)).statusCode, 422, 'starts_with is only allowed on phone_number');
    const members = [cond('name', 'contains', ['member'])];
    const first = await filter(account.id, token, members, '?sort=-name');
    assert.equal(first.statusCode, 200);
    assert.deepEqual(first.json().meta, { count: 17, current_page: 1 });
    assert.equal(first.json().payload[0].name, 'Member 16');
    const second = await filter(account.id, token, members, '?page=2&sort=-name');
    assert.deepEqual(second.json().meta, { count: 17, current_page: '2' });
    assert.deepEqual(second.json().payload.map((c: { name: string }) => c.name), ['Member 01', 'Member 00']);
  });

  it('never returns another account\'s contacts', async () => {
    const { account, token, ann } = await seed();
    const other = await buildAccount(db);
    await contact(other, { name: 'Ann Elsewhere', email: 'ann@alpha.other', additional_attributes: { city: 'Berlin' } });
    assert.deepEqual(await ids(account.id, token, [cond('name', 'contains', ['ann'])]), [ann.id]);
    assert.deepEqual(await ids(account.id, token, [cond('city', 'equal_to', ['berlin'])]), [ann.id]);
    const foreign = await filter(other.id, token, [cond('name', 'contains', ['ann'])]);
    assert.equal(foreign.statusCode, 401);
  });

  it('answers 422 naming the bad key, operator, query operator or value', async () => {
    const { account, token } = await seed();
    const check = async (payload: Condition[], error: string) => {
      const res = await filter(account.id, token, payload);
      assert.equal(res.statusCode, 422, JSON.stringify(payload));
      assert.deepEqual(res.json(), { error }, JSON.stringify(payload));
    };
    await check([cond('shoe_size', 'equal_to', ['42'])],
      'Invalid attribute key - [shoe_size]. The key should be one of [name,phone_number,email,identifier,country_code,city,company_name,labels,created_at,last_activity_at,blocked] or a custom attribute defined in the account.');
    await check([cond('name', 'is_greater_than', ['a'])], 'Invalid operator. The allowed operators for name are [equal_to,not_equal_to,contains,does_not_contain].');
    await check([cond('name', 'equal_to', ['a'], 'XOR'), cond('email', 'equal_to', ['b'])], 'Query operator must be either "AND" or "OR".');
    await check([cond('name', 'equal_to', [])], 'Invalid value. The values provided for name are invalid');
    await check([cond('created_at', 'is_greater_than', ['yesterday'])], 'Invalid value. The values provided for created_at are invalid');
    await check([cond('created_at', 'days_before', ['many'])], 'Invalid value. The values provided for created_at are invalid');
    await check([cond('seats', 'is_greater_than', ['lots'])], 'Invalid value. The values provided for seats are invalid');
    await check([cond('plan', 'is_greater_than', ['1'])], 'Invalid operator. The allowed operators for plan are [equal_to,not_equal_to,contains,does_not_contain,starts_with,is_present,is_not_present].');
    await check([cond('blocked', 'equal_to', ['maybe'])], 'Invalid value. The values provided for blocked are invalid');
    const missing = await t.request('POST', `/api/v1/accounts/${account.id}/contacts/filter`, { token, body: {} });
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(missing.json().attributes, ['payload']);
    const noKey = await t.request('POST', `/api/v1/accounts/${account.id}/contacts/filter`, { token, body: { payload: [{ filter_operator: 'equal_to' }] } });
    assert.equal(noKey.statusCode, 422);
    assert.deepEqual(noKey.json().attributes, ['payload.0.attribute_key']);
  });

  it('lists the contacts with a live presence as active', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const online = await contact(account, { name: 'Online', email: null, contact_type: 0 });
    await contact(account, { name: 'Offline' });
    const elsewhere = await contact(await buildAccount(db), { name: 'Elsewhere' });
    const url = `/api/v1/accounts/${account.id}/contacts/active`;
    assert.deepEqual((await t.request('GET', url, { token })).json(), { meta: { count: 0, current_page: 1 }, payload: [] });
    await t.deps.presence.touch(account.id, 'Contact', online.id);
    await t.deps.presence.touch(elsewhere.account_id, 'Contact', elsewhere.id);
    await t.deps.presence.touch(account.id, 'Contact', elsewhere.id);
    const res = await t.request('GET', url, { token });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().meta, { count: 1, current_page: 1 });
    assert.equal(res.json().payload[0].id, online.id);
    assert.equal(res.json().payload[0].availability_status, 'online');
    assert.equal((await t.request('GET', url)).statusCode, 401);
  });
});
