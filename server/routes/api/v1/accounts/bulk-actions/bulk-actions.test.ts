import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import { buildAccount, buildAdmin, buildAgent, buildContact, buildConversation } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('POST /api/v1/accounts/:account_id/bulk_actions (contacts)', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number) => `/api/v1/accounts/${accountId}/bulk_actions`;
  const labelsOf = (accountId: number, id: number) => taggingRepository.listTitles(db, accountId, 'Contact', id);

  it('adds labels to the contacts, keeping theirs, ignoring ids of other accounts, recording contact.updated', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const first = await buildContact(db, { account });
    const second = await buildContact(db, { account });
    const foreign = await buildContact(db, { account: await buildAccount(db) });
    await taggingRepository.replace(db, account.id, 'Contact', first.id, ['vip']);
    const res = await t.request('POST', url(account.id), { token, body: { type: 'Contact', ids: [first.id, second.id, foreign.id], labels: { add: ['vip', 'beta'] } } });
    assert.deepEqual([res.statusCode, res.body], [200, '']);
    assert.deepEqual(await labelsOf(account.id, first.id), ['vip', 'beta']);
    assert.deepEqual(await labelsOf(account.id, second.id), ['vip', 'beta']);
    assert.deepEqual(await labelsOf(foreign.account_id, foreign.id), []);
    await t.settle();
    const updates = t.events.of(account.id, 'contact.updated');
    assert.deepEqual(updates.map((e) => [e.contactId, e.changes?.label_list]), [[first.id, [['vip'], ['vip', 'beta']]], [second.id, [[], ['vip', 'beta']]]]);
  });

  it('removes labels when nothing is added', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const contact = await buildContact(db, { account });
    await taggingRepository.replace(db, account.id, 'Contact', contact.id, ['a', 'b', 'c']);
    await t.request('POST', url(account.id), { token, body: { type: 'contact', ids: [contact.id], labels: { remove: ['b', 'zzz'] } } });
    assert.deepEqual(await labelsOf(account.id, contact.id), ['a', 'c']);
  });

  it('deletes contacts for administrators only, with their conversations, and never another account\'s', async () => {
    const account = await buildAccount(db);
    const admin = await buildAdmin(db, t.deps.env, account);
    const agent = await buildAgent(db, t.deps.env, { account });
    const doomed = await buildContact(db, { account });
    const conversation = await buildConversation(db, { account, contact: doomed });
    const kept = await buildContact(db, { account });
    const foreign = await buildContact(db, { account: await buildAccount(db) });
    const body = { type: 'Contact', action_name: 'delete', ids: [doomed.id, foreign.id] };
    const denied = await t.request('POST', url(account.id), { token: agent.token, body });
    assert.deepEqual([denied.statusCode, denied.json()], [401, { error: 'You are not authorized to do this action' }]);
    assert.equal((await t.request('POST', url(account.id), { token: admin.token, body })).statusCode, 200);
    const left = await db.selectFrom('contacts').select('id').where('id', 'in', [doomed.id, kept.id, foreign.id]).orderBy('id').execute();
    assert.deepEqual(left.map((r) => r.id), [kept.id, foreign.id]);
    assert.equal(await db.selectFrom('conversations').select('id').where('id', '=', conversation.id).executeTakeFirst(), undefined);
    await t.settle();
    assert.deepEqual(t.events.of(account.id, 'contact.deleted').map((e) => e.contactId), [doomed.id]);
  });

  it('answers 422 for an unknown type or bad ids, and 401 without a token', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const unknown = await t.request('POST', url(account.id), { token, body: { type: 'Widget', ids: [1] } });
    assert.deepEqual([unknown.statusCode, unknown.json()], [422, { success: false }]);
    const empty = await t.request('POST', url(account.id), { token });
    assert.equal(empty.statusCode, 422);
    const badIds = await t.request('POST', url(account.id), { token, body: { type: 'Contact', ids: ['x'] } });
    assert.deepEqual([badIds.statusCode, badIds.json().attributes], [422, ['ids.0']]);
    assert.equal((await t.request('POST', url(account.id), { body: { type: 'Contact', ids: [] } })).statusCode, 401);
  });
});
