import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import { buildAccount, buildAdmin, buildAgent, buildAgentBot, buildContact, buildConversation } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('/api/v1/accounts/:account_id/labels', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, id?: number) => `/api/v1/accounts/${accountId}/labels${id === undefined ? '' : `/${id}`}`;

  async function adminWithLabel(title = 'billing') {
    const admin = await buildAdmin(db, t.deps.env);
    const res = await t.request('POST', url(admin.account.id), { token: admin.token, body: { label: { title, description: 'Money', color: '#ff0000' } } });
    assert.equal(res.statusCode, 200);
    return { ...admin, label: res.json() as { id: number; title: string } };
  }

  it('answers 401 without a token and with a wrong token, and refuses agent bots', async () => {
    const account = await buildAccount(db);
    const none = await t.request('GET', url(account.id));
    assert.equal(none.statusCode, 401);
    assert.deepEqual(none.json(), { errors: ['You need to sign in or sign up before continuing.'] });
    const wrong = await t.request('POST', url(account.id), { token: 'nope', body: { title: 'x1' } });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), { error: 'Invalid Access Token' });
    const { token } = await buildAgentBot(db, t.deps.env, { account });
    const bot = await t.request('GET', url(account.id), { token });
    assert.equal(bot.statusCode, 401);
    assert.deepEqual(bot.json(), { error: 'Access to this endpoint is not authorized for bots' });
  });

  it('creates a label from a wrapped or a flat body, lower-casing the title', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const wrapped = await t.request('POST', url(account.id), {
      token, body: { label: { title: 'Priority_Support', description: 'VIP', color: '#1F93FF', show_on_sidebar: true } },
    });
    assert.equal(wrapped.statusCode, 200);
    const body = wrapped.json();
    assert.deepEqual(Object.keys(body), ['id', 'title', 'description', 'color', 'show_on_sidebar']);
    assert.deepEqual({ ...body, id: 0 }, { id: 0, title: 'priority_support', description: 'VIP', color: '#1F93FF', show_on_sidebar: true });
    const flat = await t.request('POST', url(account.id), { token, body: { title: 'sales-2' } });
    assert.equal(flat.statusCode, 200);
    assert.deepEqual({ ...(flat.json() as object), id: 0 }, { id: 0, title: 'sales-2', description: null, color: '#1f93ff', show_on_sidebar: false });
  });

  it('lists the account labels ordered by title for any member, and only its own', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    for (const title of ['zeta', 'alpha', 'mid']) {
      assert.equal((await t.request('POST', url(account.id), { token, body: { title } })).statusCode, 200);
    }
    const other = await adminWithLabel('elsewhere');
    const agent = await buildAgent(db, t.deps.env, { account });
    const res = await t.request('GET', url(account.id), { token: agent.token });
    assert.equal(res.statusCode, 200);
    const payload = res.json().payload as Array<Record<string, unknown>>;
    assert.deepEqual(payload.map((l) => l.title), ['alpha', 'mid', 'zeta']);
    assert.deepEqual(Object.keys(payload[0]), ['id', 'title', 'description', 'color', 'show_on_sidebar']);
    assert.ok(!payload.some((l) => l.id === other.label.id));
  });

  it('shows a label to an administrator only, 404 across accounts', async () => {
    const { account, token, label } = await adminWithLabel();
    const shown = await t.request('GET', url(account.id, label.id), { token });
    assert.equal(shown.statusCode, 200);
    assert.deepEqual(shown.json(), { id: label.id, title: 'billing', description: 'Money', color: '#ff0000', show_on_sidebar: false });
    const agent = await buildAgent(db, t.deps.env, { account });
    const denied = await t.request('GET', url(account.id, label.id), { token: agent.token });
    assert.equal(denied.statusCode, 401);
    assert.deepEqual(denied.json(), { error: 'You are not authorized to do this action' });
    const other = await buildAdmin(db, t.deps.env);
    const cross = await t.request('GET', url(other.account.id, label.id), { token: other.token });
    assert.equal(cross.statusCode, 404);
    assert.deepEqual(cross.json(), { error: 'Resource could not be found' });
  });

  it('refuses agents on create, update and delete with 401', async () => {
    const { account, label } = await adminWithLabel();
    const agent = await buildAgent(db, t.deps.env, { account });
    for (const [method, path] of [['POST', url(account.id)], ['PATCH', url(account.id, label.id)], ['DELETE', url(account.id, label.id)]] as const) {
      const res = await t.request(method, path, { token: agent.token, body: { title: 'nope' } });
      assert.equal(res.statusCode, 401, `${method} ${path}`);
      assert.deepEqual(res.json(), { error: 'You are not authorized to do this action' });
    }
    const list = await t.request('GET', url(account.id), { token: agent.token });
    assert.deepEqual(list.json().payload.map((l: { title: string }) => l.title), ['billing']);
  });

  it('names the field on bad input', async () => {
    const { account, token } = await adminWithLabel('taken');
    const cases: Array<[unknown, string[]]> = [
      [{ title: 'Taken' }, ['title']],
      [{ title: 'a' }, ['title']],
      [{ title: 'has space' }, ['title']],
      [{ title: '-lead' }, ['title']],
      [{ title: '' }, ['title']],
      [{ title: 'x'.repeat(256) }, ['title']],
      [{ title: 'okay', color: 'red' }, ['color']],
      [{ title: 'okay', show_on_sidebar: 'maybe' }, ['show_on_sidebar']],
    ];
    for (const [body, attributes] of cases) {
      const res = await t.request('POST', url(account.id), { token, body });
      assert.equal(res.statusCode, 422, JSON.stringify(body));
      assert.deepEqual(res.json().attributes, attributes, JSON.stringify(body));
    }
    const taken = await t.request('POST', url(account.id), { token, body: { title: 'TAKEN' } });
    assert.deepEqual(taken.json(), { message: 'Title has already been taken', attributes: ['title'] });
    for (const body of [{}, { label: {} }, { colour: 'red' }, undefined]) {
      const missing = await t.request('POST', url(account.id), { token, body });
      assert.equal(missing.statusCode, 422);
      assert.deepEqual(missing.json(), { error: 'param is missing or the value is empty: label' });
    }
    const list = await t.request('GET', url(account.id), { token });
    assert.deepEqual(list.json().payload.map((l: { title: string }) => l.title), ['taken']);
  });

  it('lets the same title exist in another account', async () => {
    await adminWithLabel('shared');
    const second = await adminWithLabel('shared');
    assert.equal(second.label.title, 'shared');
  });

  it('updates a label and renames it on tagged contacts and conversations', async () => {
    const { account, token, label } = await adminWithLabel('old-name');
    const contact = await buildContact(db, { account });
    const conversation = await buildConversation(db, { account, contact });
    await taggingRepository.replace(db, account.id, 'Contact', contact.id, ['old-name', 'keep']);
    await taggingRepository.replace(db, account.id, 'Conversation', conversation.id, ['old-name']);
    const res = await t.request('PATCH', url(account.id, label.id), { token, body: { label: { title: 'New-Name', show_on_sidebar: true } } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { id: label.id, title: 'new-name', description: 'Money', color: '#ff0000', show_on_sidebar: true });
    assert.deepEqual(await taggingRepository.listTitles(db, account.id, 'Contact', contact.id), ['new-name', 'keep']);
    assert.deepEqual(await taggingRepository.listTitles(db, account.id, 'Conversation', conversation.id), ['new-name']);
    const row = await db.selectFrom('conversations').select('cached_label_list').where('id', '=', conversation.id).executeTakeFirstOrThrow();
    assert.equal(row.cached_label_list, 'new-name');
    const put = await t.request('PUT', url(account.id, label.id), { token, body: { description: null } });
    assert.equal(put.statusCode, 200);
    assert.equal(put.json().description, null);
  });

  it('refuses renaming onto a taken title and keeps the label', async () => {
    const { account, token, label } = await adminWithLabel('first');
    await t.request('POST', url(account.id), { token, body: { title: 'second' } });
    const res = await t.request('PATCH', url(account.id, label.id), { token, body: { title: 'second' } });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json(), { message: 'Title has already been taken', attributes: ['title'] });
    const cross = await buildAdmin(db, t.deps.env);
    const other = await t.request('PATCH', url(cross.account.id, label.id), { token: cross.token, body: { title: 'mine' } });
    assert.equal(other.statusCode, 404);
    const shown = await t.request('GET', url(account.id, label.id), { token });
    assert.equal(shown.json().title, 'first');
  });

  it('deletes a label with an empty 200 and takes it off contacts and conversations', async () => {
    const { account, token, label } = await adminWithLabel('gone');
    const contact = await buildContact(db, { account });
    const conversation = await buildConversation(db, { account, contact });
    await taggingRepository.replace(db, account.id, 'Contact', contact.id, ['gone', 'stays']);
    await taggingRepository.replace(db, account.id, 'Conversation', conversation.id, ['stays', 'gone']);
    const cross = await buildAdmin(db, t.deps.env);
    assert.equal((await t.request('DELETE', url(cross.account.id, label.id), { token: cross.token })).statusCode, 404);
    const res = await t.request('DELETE', url(account.id, label.id), { token });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '');
    assert.equal((await t.request('GET', url(account.id, label.id), { token })).statusCode, 404);
    assert.deepEqual(await taggingRepository.listTitles(db, account.id, 'Contact', contact.id), ['stays']);
    assert.deepEqual(await taggingRepository.listTitles(db, account.id, 'Conversation', conversation.id), ['stays']);
    const row = await db.selectFrom('conversations').select('cached_label_list').where('id', '=', conversation.id).executeTakeFirstOrThrow();
    assert.equal(row.cached_label_list, 'stays');
  });

  it('moves the account cache key when labels change', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    await db.updateTable('accounts').set({ updated_at: 1000 }).where('id', '=', account.id).execute();
    await t.request('POST', url(account.id), { token, body: { title: 'fresh' } });
    const res = await t.request('GET', `/api/v1/accounts/${account.id}`, { token });
    assert.ok(res.json().cache_keys.label > 1000);
  });
});
