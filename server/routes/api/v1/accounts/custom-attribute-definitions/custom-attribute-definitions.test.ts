import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAccount, buildAdmin, buildAgent, buildAgentBot } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

type Definition = Record<string, unknown> & { id: number; attribute_key: string };

describe('/api/v1/accounts/:account_id/custom_attribute_definitions', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, rest = '') => `/api/v1/accounts/${accountId}/custom_attribute_definitions${rest}`;
  const KEYS = ['id', 'attribute_display_name', 'attribute_display_type', 'attribute_description', 'attribute_key', 'regex_pattern',
    'regex_cue', 'attribute_values', 'attribute_model', 'default_value', 'created_at', 'updated_at'];

  async function define(accountId: number, token: string, body: Record<string, unknown>): Promise<Definition> {
    const res = await t.request('POST', url(accountId), { token, body: { custom_attribute_definition: body } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  }

  it('answers 401 without a token, with a wrong token and for agent bots', async () => {
    const account = await buildAccount(db);
    const none = await t.request('GET', url(account.id));
    assert.equal(none.statusCode, 401);
    const wrong = await t.request('POST', url(account.id), { token: 'nope', body: { attribute_key: 'x' } });
    assert.equal(wrong.statusCode, 401);
    const { token } = await buildAgentBot(db, t.deps.env, { account });
    assert.equal((await t.request('GET', url(account.id), { token })).statusCode, 401);
  });

  it('creates a definition from a wrapped or flat body and presents it in Chatwoot\'s shape', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const before = Date.now();
    const made = await define(account.id, token, {
      attribute_display_name: '  Plan  ', attribute_key: ' plan_tier ', attribute_model: 'contact_attribute', attribute_display_type: 'list',
      attribute_values: ['free', 'pro'], attribute_description: 'Billing plan', regex_pattern: '^[a-z]+$', regex_cue: 'lower-case only',
      default_value: 'ignored',
    });
    assert.deepEqual(Object.keys(made), KEYS);
    assert.deepEqual({ ...made, id: 0, created_at: '', updated_at: '' }, {
      id: 0, attribute_display_name: 'Plan', attribute_display_type: 'list', attribute_description: 'Billing plan', attribute_key: 'plan_tier',
      regex_pattern: '^[a-z]+$', regex_cue: 'lower-case only', attribute_values: ['free', 'pro'], attribute_model: 'contact_attribute',
      default_value: null, created_at: '', updated_at: '',
    });
    assert.match(made.created_at as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(Date.parse(made.created_at as string) >= before - 1000);
    const flat = await t.request('POST', url(account.id), { token, body: { attribute_display_name: 'Order', attribute_key: 'order_no' } });
    assert.equal(flat.statusCode, 200);
    assert.equal(flat.json().attribute_model, 'conversation_attribute');
    assert.equal(flat.json().attribute_display_type, 'text');
    assert.deepEqual(flat.json().attribute_values, []);
  });

  it('accepts every display type', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    for (const type of ['text', 'number', 'currency', 'percent', 'link', 'date', 'list', 'checkbox']) {
      const made = await define(account.id, token, { attribute_display_name: type, attribute_key: `k_${type}`, attribute_display_type: type });
      assert.equal(made.attribute_display_type, type);
    }
  });

  it('lists the account\'s definitions, all or by attribute_model, to any member', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const conv = await define(account.id, token, { attribute_display_name: 'A', attribute_key: 'a1', attribute_model: 'conversation_attribute' });
    const cont = await define(account.id, token, { attribute_display_name: 'B', attribute_key: 'b1', attribute_model: 'contact_attribute' });
    const other = await buildAdmin(db, t.deps.env);
    await define(other.account.id, other.token, { attribute_display_name: 'C', attribute_key: 'c1' });
    const agent = await buildAgent(db, t.deps.env, { account });
    const all = await t.request('GET', url(account.id), { token: agent.token });
    assert.equal(all.statusCode, 200);
    assert.deepEqual(all.json().map((d: Definition) => d.id), [conv.id, cont.id]);
    const contacts = await t.request('GET', url(account.id, '?attribute_model=contact_attribute'), { token: agent.token });
    assert.deepEqual(contacts.json().map((d: Definition) => d.id), [cont.id]);
    const byNumber = await t.request('GET', url(account.id, '?attribute_model=0'), { token: agent.token });
    assert.deepEqual(byNumber.json().map((d: Definition) => d.id), [conv.id]);
    const unknown = await t.request('GET', url(account.id, '?attribute_model=nope'), { token: agent.token });
    assert.deepEqual(unknown.json(), []);
    const shown = await t.request('GET', url(account.id, `/${cont.id}`), { token: agent.token });
    assert.equal(shown.statusCode, 200);
    assert.deepEqual(shown.json(), cont);
  });

  it('keeps keys unique per account and model, and refuses standard attribute keys on create', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    await define(account.id, token, { attribute_display_name: 'Tier', attribute_key: 'tier', attribute_model: 'contact_attribute' });
    const taken = await t.request('POST', url(account.id), { token, body: { attribute_display_name: 'Tier', attribute_key: 'tier', attribute_model: 'contact_attribute' } });
    assert.equal(taken.statusCode, 422);
    assert.deepEqual(taken.json(), { message: 'Attribute key has already been taken', attributes: ['attribute_key'] });
    await define(account.id, token, { attribute_display_name: 'Tier', attribute_key: 'tier', attribute_model: 'conversation_attribute' });
    const other = await buildAdmin(db, t.deps.env);
    await define(other.account.id, other.token, { attribute_display_name: 'Tier', attribute_key: 'tier', attribute_model: 'contact_attribute' });
    const conflict = await t.request('POST', url(account.id), { token, body: { attribute_display_name: 'S', attribute_key: 'status', attribute_model: 'conversation_attribute' } });
    assert.equal(conflict.statusCode, 422);
    assert.deepEqual(conflict.json(), {
      message: 'Attribute key The provided key is not allowed as it might conflict with default attributes.', attributes: ['attribute_key'],
    });
    const contactConflict = await t.request('POST', url(account.id), { token, body: { attribute_display_name: 'E', attribute_key: 'email', attribute_model: 'contact_attribute' } });
    assert.equal(contactConflict.statusCode, 422);
    // `status` is only standard for conversations.
    await define(account.id, token, { attribute_display_name: 'S', attribute_key: 'status', attribute_model: 'contact_attribute' });
  });

  it('answers 422 naming every bad field, and writes nothing', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ attribute_display_name: ' ', attribute_key: '' }, ['attribute_display_name', 'attribute_key']],
      [{ attribute_display_name: 'X', attribute_key: 'has space' }, ['attribute_key']],
      [{ attribute_display_name: 'X', attribute_key: 'x', attribute_display_type: 'colour' }, ['attribute_display_type']],
      [{ attribute_display_name: 'X', attribute_key: 'x', attribute_model: 'company' }, ['attribute_model']],
      [{ attribute_display_name: 'X', attribute_key: 'x', regex_pattern: '([a-z' }, ['regex_pattern']],
      [{ attribute_display_name: 'X', attribute_key: 'x', attribute_values: [{ nested: true }] }, ['attribute_values']],
    ];
    for (const [body, attributes] of cases) {
      const res = await t.request('POST', url(account.id), { token, body });
      assert.equal(res.statusCode, 422, JSON.stringify(body));
      assert.deepEqual(res.json().attributes, attributes, JSON.stringify(body));
    }
    const format = await t.request('POST', url(account.id), { token, body: { attribute_display_name: 'X', attribute_key: 'a/b' } });
    assert.equal(format.json().message, 'Attribute key must only contain letters, numbers, underscores, hyphens, and dots');
    const empty = await t.request('POST', url(account.id), { token, body: {} });
    assert.equal(empty.statusCode, 422);
    assert.deepEqual(empty.json(), { error: 'param is missing or the value is empty: custom_attribute_definition' });
    assert.deepEqual((await t.request('GET', url(account.id), { token })).json(), []);
    await define(account.id, token, { attribute_display_name: 'Ünïcode', attribute_key: 'clé.v-2_x' });
  });

  it('updates a definition; only administrators may write', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const made = await define(account.id, token, { attribute_display_name: 'Old', attribute_key: 'old_key' });
    const agent = await buildAgent(db, t.deps.env, { account });
    const denied = await t.request('PATCH', url(account.id, `/${made.id}`), { token: agent.token, body: { attribute_display_name: 'New' } });
    assert.equal(denied.statusCode, 401);
    const deniedCreate = await t.request('POST', url(account.id), { token: agent.token, body: { attribute_display_name: 'N', attribute_key: 'n' } });
    assert.equal(deniedCreate.statusCode, 401);
    const deniedDelete = await t.request('DELETE', url(account.id, `/${made.id}`), { token: agent.token });
    assert.equal(deniedDelete.statusCode, 401);
    const res = await t.request('PATCH', url(account.id, `/${made.id}`), {
      token, body: { custom_attribute_definition: { attribute_display_name: 'Developer ID', attribute_key: 'developer_id' } },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().attribute_display_name, 'Developer ID');
    assert.equal(res.json().attribute_key, 'developer_id');
    assert.equal(res.json().attribute_model, 'conversation_attribute');
    const put = await t.request('PUT', url(account.id, `/${made.id}`), { token, body: { attribute_display_type: 'number' } });
    assert.equal(put.json().attribute_display_type, 'number');
    assert.equal(put.json().attribute_key, 'developer_id');
    const second = await define(account.id, token, { attribute_display_name: 'Two', attribute_key: 'two' });
    const clash = await t.request('PATCH', url(account.id, `/${second.id}`), { token, body: { attribute_key: 'developer_id' } });
    assert.equal(clash.statusCode, 422);
    assert.deepEqual(clash.json().attributes, ['attribute_key']);
    const blank = await t.request('PATCH', url(account.id, `/${second.id}`), { token, body: { attribute_display_name: '' } });
    assert.equal(blank.statusCode, 422);
    assert.deepEqual(blank.json().attributes, ['attribute_display_name']);
    const shown = await t.request('GET', url(account.id, `/${second.id}`), { token });
    assert.equal(shown.json().attribute_display_name, 'Two');
  });

  it('deletes a definition with 204', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const made = await define(account.id, token, { attribute_display_name: 'Gone', attribute_key: 'gone' });
    const res = await t.request('DELETE', url(account.id, `/${made.id}`), { token });
    assert.equal(res.statusCode, 204);
    assert.equal(res.body, '');
    assert.equal((await t.request('GET', url(account.id, `/${made.id}`), { token })).statusCode, 404);
    assert.equal((await t.request('DELETE', url(account.id, `/${made.id}`), { token })).statusCode, 404);
  });

  it('answers 404 for another account\'s definition', async () => {
    const other = await buildAdmin(db, t.deps.env);
    const theirs = await define(other.account.id, other.token, { attribute_display_name: 'Theirs', attribute_key: 'theirs' });
    const { account, token } = await buildAdmin(db, t.deps.env);
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const res = await t.request(method, url(account.id, `/${theirs.id}`), { token, body: method === 'PATCH' ? { attribute_display_name: 'Mine' } : undefined });
      assert.equal(res.statusCode, 404, method);
    }
    const foreign = await t.request('GET', url(other.account.id), { token });
    assert.equal(foreign.statusCode, 401);
    const shown = await t.request('GET', url(other.account.id, `/${theirs.id}`), { token: other.token });
    assert.equal(shown.json().attribute_display_name, 'Theirs');
  });
});
