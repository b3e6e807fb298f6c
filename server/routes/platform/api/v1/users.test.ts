import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifySsoAuthToken } from '../../../../operations/platform/sso-auth-token.js';
import { buildAgent, buildPlatformApp } from '../../../../test/factories.js';
import { buildTestApp } from '../../../../test/harness.js';

const USER_KEYS = [
  'access_token', 'account_id', 'available_name', 'avatar_url', 'confirmed', 'display_name', 'message_signature', 'email', 'id',
  'name', 'provider', 'pubsub_token', 'custom_attributes', 'role', 'ui_settings', 'uid', 'accounts',
];
const NON_PERMISSIBLE = { error: 'Non permissible resource' };

describe('/platform/api/v1/users', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;
  const createUser = async (token: string, body: Record<string, unknown>) => t.request('POST', '/platform/api/v1/users', { token, body });

  it('answers 401 without a token and with a wrong token', async () => {
    const none = await t.request('POST', '/platform/api/v1/users', { body: { email: 'a@example.com' } });
    assert.equal(none.statusCode, 401);
    const wrong = await t.request('GET', '/platform/api/v1/users/1', { token: 'nope' });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), { error: 'Invalid access_token' });
  });

  it('creates a confirmed user whose access_token then works on the Application API', async () => {
    const app = await buildPlatformApp(db, env);
    const res = await createUser(app.token, {
      name: 'Test', display_name: 'Tester', email: 'Platform.User@Example.com', password: 'Password1!', custom_attributes: { test: 'create' },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), USER_KEYS);
    assert.deepEqual({ ...body, access_token: '', pubsub_token: '' }, {
      access_token: '', account_id: null, available_name: 'Tester', avatar_url: '', confirmed: true, display_name: 'Tester',
      message_signature: null, email: 'platform.user@example.com', id: body.id, name: 'Test', provider: 'email', pubsub_token: '',
      custom_attributes: { test: 'create' }, role: null, ui_settings: {}, uid: 'platform.user@example.com', accounts: [],
    });
    assert.ok(body.access_token.length > 10 && body.pubsub_token.length > 10);
    const profile = await t.request('GET', '/api/v1/profile', { token: body.access_token });
    assert.equal(profile.statusCode, 200);
    assert.equal(profile.json().id, body.id);
    const permissible = await db.selectFrom('platform_app_permissibles').selectAll().where('platform_app_id', '=', app.id).execute();
    assert.deepEqual(permissible.map((p) => [p.permissible_type, p.permissible_id]), [['User', body.id]]);
  });

  it('adopts an existing user with that email unchanged, confirming it', async () => {
    const app = await buildPlatformApp(db, env);
    const existing = await buildAgent(db, env, { user: { name: 'Old Name', confirmed_at: null } });
    const res = await createUser(app.token, { name: 'New Name', email: existing.user.email.toUpperCase(), password: 'Password1!' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().id, existing.user.id);
    assert.equal(res.json().name, 'Old Name');
    assert.equal(res.json().confirmed, true);
    assert.equal(res.json().access_token, existing.token);
    assert.equal(res.json().role, 'agent');
    assert.deepEqual(Object.keys(res.json().accounts[0]), ['id', 'name', 'active_at', 'role']);
    assert.equal((await t.request('GET', `/platform/api/v1/users/${existing.user.id}`, { token: app.token })).statusCode, 200);
  });

  it('names the field on bad input and creates nobody', async () => {
    const app = await buildPlatformApp(db, env);
    const cases: Array<[unknown, string]> = [
      [{ name: 'x', email: 'new1@example.com' }, 'password'], [{ name: 'x', email: 'new1@example.com', password: '123' }, 'password'],
      [{ email: 'new1@example.com', password: 'Password1!' }, 'name'], [{ name: 'x', email: 'nope', password: 'Password1!' }, 'email'],
      [{ name: 'x', password: 'Password1!' }, 'email'], [{ name: 'x', email: 'new1@example.com', password: 'Password1!', custom_attributes: 'x' }, 'custom_attributes'],
    ];
    for (const [body, field] of cases) {
      const res = await createUser(app.token, body as Record<string, unknown>);
      assert.equal(res.statusCode, 422, JSON.stringify(body));
      assert.deepEqual(res.json().attributes, [field], JSON.stringify(res.json()));
    }
    assert.equal(await db.selectFrom('users').select('id').where('email', '=', 'new1@example.com').executeTakeFirst(), undefined);
  });

  it('shows, updates, logs in, tokens and deletes only the app’s users', async () => {
    const a = await buildPlatformApp(db, env);
    const b = await buildPlatformApp(db, env);
    const created = (await createUser(a.token, { name: 'Mine', email: 'mine@example.com', password: 'Password1!', custom_attributes: { keep: 1 } })).json();
    const url = `/platform/api/v1/users/${created.id}`;
    for (const [method, path, body] of [['GET', url, undefined], ['PATCH', url, { name: 'X' }], ['DELETE', url, undefined], ['GET', `${url}/login`, undefined], ['POST', `${url}/token`, undefined]] as const) {
      const res = await t.request(method, path, { token: b.token, body });
      assert.equal(res.statusCode, 401, `${method} ${path}`);
      assert.deepEqual(res.json(), NON_PERMISSIBLE);
    }
    assert.equal((await t.request('GET', '/platform/api/v1/users/999999', { token: a.token })).statusCode, 404);
    assert.equal((await t.request('GET', '/platform/api/v1/users/99999999999', { token: a.token })).statusCode, 404);
    const show = await t.request('GET', url, { token: a.token });
    assert.deepEqual(show.json(), created);
    const updated = await t.request('PATCH', url, { token: a.token, body: { name: 'test123', email: 'NewMail@example.com', custom_attributes: { test: 'update' } } });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().name, 'test123');
    assert.equal(updated.json().email, 'newmail@example.com');
    assert.deepEqual(updated.json().custom_attributes, { keep: 1, test: 'update' });
    const other = await buildAgent(db, env);
    const taken = await t.request('PATCH', url, { token: a.token, body: { email: other.user.email } });
    assert.equal(taken.statusCode, 422);
    assert.deepEqual(taken.json(), { message: 'Email has already been taken', attributes: ['email'] });
    const login = await t.request('GET', `${url}/login`, { token: a.token });
    assert.equal(login.statusCode, 200);
    const link = new URL(login.json().url);
    assert.equal(`${link.origin}${link.pathname}`, `${env.frontendUrl}/app/login`);
    assert.ok(login.json().url.includes('email=newmail%40example.com&sso_auth_token='));
    const user = await db.selectFrom('users').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    assert.equal(verifySsoAuthToken(env, user, link.searchParams.get('sso_auth_token') as string), true);
    assert.equal(verifySsoAuthToken(env, user, link.searchParams.get('sso_auth_token') as string, Date.now() + 6 * 60 * 1000), false);
    const token = await t.request('POST', `${url}/token`, { token: a.token });
    assert.equal(token.statusCode, 200);
    assert.deepEqual(token.json(), {
      access_token: created.access_token, expiry: null,
      user: { id: created.id, name: 'test123', display_name: null, email: 'newmail@example.com', pubsub_token: created.pubsub_token },
    });
    const deleted = await t.request('DELETE', url, { token: a.token });
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.body, '');
    assert.equal(await db.selectFrom('users').select('id').where('id', '=', created.id).executeTakeFirst(), undefined);
    assert.equal((await t.request('GET', '/api/v1/profile', { token: created.access_token })).statusCode, 401);
    assert.equal((await t.request('GET', url, { token: a.token })).statusCode, 404);
  });

  it('deleting a user takes them out of their accounts with agent.removed', async () => {
    const app = await buildPlatformApp(db, env);
    const created = (await createUser(app.token, { name: 'Member', email: 'member@example.com', password: 'Password1!' })).json();
    const account = (await t.request('POST', '/platform/api/v1/accounts', { token: app.token, body: { name: 'Acme' } })).json();
    await t.request('POST', `/platform/api/v1/accounts/${account.id}/account_users`, { token: app.token, body: { user_id: created.id, role: 'administrator' } });
    const shown = (await t.request('GET', `/platform/api/v1/users/${created.id}`, { token: app.token })).json();
    assert.equal(shown.account_id, account.id);
    assert.equal(shown.role, 'administrator');
    assert.deepEqual(shown.accounts, [{ id: account.id, name: 'Acme', active_at: null, role: 'administrator' }]);
    const res = await t.request('DELETE', `/platform/api/v1/users/${created.id}`, { token: app.token });
    assert.equal(res.statusCode, 200);
    assert.equal(await db.selectFrom('account_users').select('id').where('user_id', '=', created.id).executeTakeFirst(), undefined);
    assert.deepEqual((await t.recorded(account.id, 'agent.removed')).map((e) => e.userId), [created.id]);
  });
});
