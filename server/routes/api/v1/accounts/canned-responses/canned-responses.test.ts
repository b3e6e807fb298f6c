import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAccount, buildAdmin, buildAgent, buildAgentBot } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('/api/v1/accounts/:account_id/canned_responses', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, id?: number, query = '') => `/api/v1/accounts/${accountId}/canned_responses${id === undefined ? '' : `/${id}`}${query}`;

  it('answers 401 without a token, with a wrong token, and for agent bots', async () => {
    const account = await buildAccount(db);
    assert.equal((await t.request('GET', url(account.id))).statusCode, 401);
    const wrong = await t.request('GET', url(account.id), { token: 'nope' });
    assert.deepEqual(wrong.json(), { error: 'Invalid Access Token' });
    const { token } = await buildAgentBot(db, t.deps.env, { account });
    assert.equal((await t.request('POST', url(account.id), { token, body: { short_code: 'hi', content: 'Hello' } })).statusCode, 401);
  });

  it('lets an agent create (wrapped or flat), list, update and delete, in Rails\' record shape', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const wrapped = await t.request('POST', url(account.id), { token, body: { canned_response: { short_code: 'thanks', content: 'Thank you for waiting!' } } });
    assert.equal(wrapped.statusCode, 200, wrapped.body);
    const created = wrapped.json();
    assert.deepEqual(Object.keys(created), ['id', 'account_id', 'short_code', 'content', 'created_at', 'updated_at']);
    assert.equal(created.account_id, account.id);
    assert.match(created.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const flat = await t.request('POST', url(account.id), { token, body: { short_code: 'refund', content: 'Your refund is on its way.' } });
    assert.equal(flat.statusCode, 200);

    const list = await t.request('GET', url(account.id), { token });
    assert.deepEqual(list.json().map((c: { short_code: string }) => c.short_code), ['thanks', 'refund']);

    const updated = await t.request('PATCH', url(account.id, created.id), { token, body: { canned_response: { content: 'Thanks a lot!' } } });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().short_code, 'thanks');
    assert.equal(updated.json().content, 'Thanks a lot!');

    const removed = await t.request('DELETE', url(account.id, created.id), { token });
    assert.equal(removed.statusCode, 200);
    assert.equal(removed.body, '');
    assert.deepEqual((await t.request('GET', url(account.id), { token })).json().map((c: { short_code: string }) => c.short_code), ['refund']);
  });

  it('searches short codes and content ignoring case, short-code prefixes first', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    for (const [short_code, content] of [['greet', 'Hello there, SHIPPING is free'], ['ship', 'We ship daily'], ['track_ship', 'Tracking link'], ['bye', 'Goodbye']]) {
      assert.equal((await t.request('POST', url(account.id), { token, body: { short_code, content } })).statusCode, 200);
    }
    const found = await t.request('GET', url(account.id, undefined, '?search=Ship'), { token });
    assert.deepEqual(found.json().map((c: { short_code: string }) => c.short_code), ['ship', 'track_ship', 'greet']);
    const wildcard = await t.request('GET', url(account.id, undefined, '?search=%25'), { token });
    assert.deepEqual(wildcard.json(), [], 'LIKE wildcards match literally');
  });

  it('refuses blank fields, a taken short code and a missing wrapper with 422 naming the field, writing nothing', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const blank = await t.request('POST', url(account.id), { token, body: { short_code: ' ', content: 'x' } });
    assert.equal(blank.statusCode, 422);
    assert.deepEqual(blank.json(), { message: "Short code can't be blank", attributes: ['short_code'] });
    const noContent = await t.request('POST', url(account.id), { token, body: { short_code: 'a' } });
    assert.deepEqual(noContent.json().attributes, ['content']);
    const tooLong = await t.request('POST', url(account.id), { token, body: { short_code: 'x'.repeat(256), content: 'x' } });
    assert.equal(tooLong.statusCode, 422);
    assert.deepEqual(tooLong.json().attributes, ['short_code']);
    const empty = await t.request('POST', url(account.id), { token, body: {} });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.json().error, /canned_response/);
    assert.equal((await t.request('POST', url(account.id), { token, body: { short_code: 'dup', content: 'one' } })).statusCode, 200);
    const taken = await t.request('POST', url(account.id), { token, body: { short_code: 'dup', content: 'two' } });
    assert.equal(taken.statusCode, 422);
    assert.deepEqual(taken.json(), { message: 'Short code has already been taken', attributes: ['short_code'] });
    const other = await t.request('POST', url(account.id), { token, body: { short_code: 'other', content: 'three' } });
    const clash = await t.request('PUT', url(account.id, other.json().id), { token, body: { short_code: 'dup' } });
    assert.equal(clash.statusCode, 422);
    const rows = await db.selectFrom('canned_responses').select('short_code').where('account_id', '=', account.id).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => r.short_code), ['dup', 'other']);
  });

  it('answers 404 for another account\'s canned response', async () => {
    const mine = await buildAdmin(db, t.deps.env);
    const theirs = await buildAdmin(db, t.deps.env);
    const created = await t.request('POST', url(theirs.account.id), { token: theirs.token, body: { short_code: 'secret', content: 'theirs' } });
    assert.equal((await t.request('PATCH', url(mine.account.id, created.json().id), { token: mine.token, body: { content: 'mine now' } })).statusCode, 404);
    assert.equal((await t.request('DELETE', url(mine.account.id, created.json().id), { token: mine.token })).statusCode, 404);
    assert.equal((await t.request('GET', url(theirs.account.id), { token: mine.token })).statusCode, 401);
    assert.deepEqual((await t.request('GET', url(mine.account.id), { token: mine.token })).json(), []);
  });
});
