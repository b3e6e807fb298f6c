import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAccount, buildAdmin, buildAgent, buildAgentBot } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('/api/v1/accounts/:account_id/dashboard_apps', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, id?: number) => `/api/v1/accounts/${accountId}/dashboard_apps${id === undefined ? '' : `/${id}`}`;
  const frame = (u: string) => ({ type: 'frame', url: u });

  it('answers 401 without a token, with a wrong token, and for agent bots', async () => {
    const account = await buildAccount(db);
    assert.equal((await t.request('GET', url(account.id))).statusCode, 401);
    assert.equal((await t.request('GET', url(account.id), { token: 'nope' })).statusCode, 401);
    const { token } = await buildAgentBot(db, t.deps.env, { account });
    assert.equal((await t.request('GET', url(account.id), { token })).statusCode, 401);
  });

  it('lets an administrator create (wrapped or flat), show, list, update and delete, in Chatwoot\'s shape', async () => {
    const { account, token, user } = await buildAdmin(db, t.deps.env);
    const created = await t.request('POST', url(account.id), { token, body: { dashboard_app: { title: 'CRM', content: [{ url: 'https://crm.example.com/embed', type: 'frame', extra: 1 }] } } });
    assert.equal(created.statusCode, 200, created.body);
    const app = created.json();
    assert.deepEqual(Object.keys(app), ['id', 'title', 'content', 'created_at']);
    assert.deepEqual(app.content, [frame('https://crm.example.com/embed')]);
    assert.match(app.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const row = await db.selectFrom('dashboard_apps').select(['user_id', 'account_id']).where('id', '=', app.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { user_id: user.id, account_id: account.id });

    const flat = await t.request('POST', url(account.id), { token, body: { title: 'Orders', content: [frame('http://orders.example.com/')] } });
    assert.equal(flat.statusCode, 200, flat.body);
    assert.equal((await t.request('GET', url(account.id, app.id), { token })).json().title, 'CRM');
    assert.deepEqual((await t.request('GET', url(account.id), { token })).json().map((a: { title: string }) => a.title), ['CRM', 'Orders']);

    const renamed = await t.request('PATCH', url(account.id, app.id), { token, body: { dashboard_app: { title: 'Customer CRM' } } });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.deepEqual(renamed.json().content, app.content, 'content left out keeps its value');
    const moved = await t.request('PUT', url(account.id, app.id), { token, body: { dashboard_app: { content: [frame('https://crm2.example.com')] } } });
    assert.equal(moved.json().title, 'Customer CRM');
    assert.equal(moved.json().content[0].url, 'https://crm2.example.com');

    const removed = await t.request('DELETE', url(account.id, app.id), { token });
    assert.equal(removed.statusCode, 204);
    assert.equal(removed.body, '');
    assert.deepEqual((await t.request('GET', url(account.id), { token })).json().map((a: { title: string }) => a.title), ['Orders']);
  });

  it('refuses content that is not a list of http(s) frames, and a blank title, with 422 naming the field, writing nothing', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const bad: unknown[] = [
      undefined, null, 'https://x.example.com', [], {}, [{ url: 'https://x.example.com' }], [{ type: 'frame' }],
      [{ type: 'link', url: 'https://x.example.com' }], [{ type: 'frame', url: 'javascript:alert(1)' }],
      [{ type: 'frame', url: 'ftp://x.example.com' }], [{ type: 'frame', url: 'https://' }], ['https://x.example.com'],
      [{ type: 'frame', url: 42 }],
    ];
    for (const content of bad) {
      const res = await t.request('POST', url(account.id), { token, body: { title: 'X', content } });
      assert.equal(res.statusCode, 422, `${JSON.stringify(content)}: ${res.body}`);
      assert.deepEqual(res.json(), { message: 'Content : Invalid data', attributes: ['content'] });
    }
    const blank = await t.request('POST', url(account.id), { token, body: { title: '  ', content: [frame('https://x.example.com')] } });
    assert.deepEqual(blank.json(), { message: "Title can't be blank", attributes: ['title'] });
    const empty = await t.request('POST', url(account.id), { token, body: {} });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.json().error, /dashboard_app/);
    const ok = await t.request('POST', url(account.id), { token, body: { title: 'Ok', content: [frame('https://x.example.com')] } });
    const update = await t.request('PATCH', url(account.id, ok.json().id), { token, body: { content: [frame('mailto:a@b.c')] } });
    assert.equal(update.statusCode, 422);
    const rows = await db.selectFrom('dashboard_apps').select(['title']).where('account_id', '=', account.id).execute();
    assert.deepEqual(rows, [{ title: 'Ok' }]);
    assert.equal((await t.request('GET', url(account.id, ok.json().id), { token })).json().content[0].url, 'https://x.example.com');
  });

  it('lets agents list and show but not create, update or delete', async () => {
    const { account, token: adminToken } = await buildAdmin(db, t.deps.env);
    const { token } = await buildAgent(db, t.deps.env, { account });
    const app = (await t.request('POST', url(account.id), { token: adminToken, body: { title: 'CRM', content: [frame('https://crm.example.com')] } })).json();
    assert.equal((await t.request('GET', url(account.id), { token })).json().length, 1);
    assert.equal((await t.request('GET', url(account.id, app.id), { token })).statusCode, 200);
    assert.equal((await t.request('POST', url(account.id), { token, body: { title: 'Y', content: [frame('https://y.example.com')] } })).statusCode, 401);
    assert.equal((await t.request('PATCH', url(account.id, app.id), { token, body: { title: 'Y' } })).statusCode, 401);
    assert.equal((await t.request('DELETE', url(account.id, app.id), { token })).statusCode, 401);
  });

  it('answers 404 for another account\'s dashboard app', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const other = await buildAdmin(db, t.deps.env);
    const app = (await t.request('POST', url(account.id), { token, body: { title: 'CRM', content: [frame('https://crm.example.com')] } })).json();
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await t.request(method, url(other.account.id, app.id), { token: other.token, body: method === 'PATCH' ? { title: 'Mine' } : undefined });
      assert.equal(res.statusCode, 404, method);
    }
    assert.equal((await t.request('GET', url(account.id, app.id), { token: other.token })).statusCode, 401, 'not a member of the first account');
    assert.deepEqual((await t.request('GET', url(other.account.id), { token: other.token })).json(), []);
  });
});
