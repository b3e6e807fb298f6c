import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdmin, buildPlatformApp } from '../../../../test/factories.js';
import { buildTestApp } from '../../../../test/harness.js';

const ACCOUNT_KEYS = ['id', 'name', 'locale', 'domain', 'support_email', 'features', 'custom_attributes', 'limits', 'status'];
const NON_PERMISSIBLE = { error: 'Non permissible resource' };

describe('/platform/api/v1/accounts', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  it('answers 401 without a token, with a wrong token and with a user token', async () => {
    const { token: userToken } = await buildAdmin(db, env);
    for (const token of [undefined, 'nope', userToken]) {
      const res = await t.request('POST', '/platform/api/v1/accounts', { token, body: { name: 'X' } });
      assert.equal(res.statusCode, 401);
      assert.deepEqual(res.json(), { error: 'Invalid access_token' });
    }
  });

  it('creates an account, records it for the app and lists only the app’s accounts', async () => {
    const a = await buildPlatformApp(db, env);
    const b = await buildPlatformApp(db, env);
    const res = await t.request('POST', '/platform/api/v1/accounts', {
      token: a.token,
      body: {
        name: 'Acme', locale: 'es', domain: 'acme.test', support_email: 'help@acme.test', limits: { agents: 5, inboxes: 10 },
        custom_attributes: { plan: 'pro' }, features: { ip_lookup: true, help_center: true, disable_branding: false },
      },
    });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), ACCOUNT_KEYS);
    assert.deepEqual(body, {
      id: body.id, name: 'Acme', locale: 'es', domain: 'acme.test', support_email: 'help@acme.test',
      features: { ip_lookup: true, help_center: true }, custom_attributes: { plan: 'pro' }, limits: { agents: 5, inboxes: 10 },
      status: 'active',
    });
    const permissible = await db.selectFrom('platform_app_permissibles').selectAll().where('platform_app_id', '=', a.id).execute();
    assert.deepEqual(permissible.map((p) => [p.permissible_type, p.permissible_id]), [['Account', body.id]]);
    assert.equal((await t.recorded(body.id, 'account.created')).length, 1);
    await t.request('POST', '/platform/api/v1/accounts', { token: b.token, body: { name: 'Other' } });
    const list = await t.request('GET', '/platform/api/v1/accounts', { token: a.token });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().map((x: { id: number }) => x.id), [body.id]);
  });

  it('names the field on bad input and creates nothing', async () => {
    const app = await buildPlatformApp(db, env);
    const cases: Array<[unknown, string]> = [
      [{}, 'name'], [{ name: '  ' }, 'name'], [{ name: 'x', status: 'closed' }, 'status'], [{ name: 'x', locale: 'english!' }, 'locale'],
      [{ name: 'x', support_email: 'nope' }, 'support_email'], [{ name: 'x', features: { ip_lookup: 'maybe' } }, 'features.ip_lookup'],
      [{ name: 'x', limits: 'lots' }, 'limits'], [{ name: 'x'.repeat(300) }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await t.request('POST', '/platform/api/v1/accounts', { token: app.token, body });
      assert.equal(res.statusCode, 422, JSON.stringify(body));
      assert.ok(res.json().attributes.includes(field), JSON.stringify(res.json()));
    }
    const list = await t.request('GET', '/platform/api/v1/accounts', { token: app.token });
    assert.deepEqual(list.json(), []);
  });

  it('shows, updates and deletes only the app’s own accounts', async () => {
    const a = await buildPlatformApp(db, env);
    const b = await buildPlatformApp(db, env);
    const created = (await t.request('POST', '/platform/api/v1/accounts', { token: a.token, body: { name: 'Mine', features: { channel_facebook: true } } })).json();
    const url = `/platform/api/v1/accounts/${created.id}`;
    for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'Stolen' }], ['DELETE', undefined]] as const) {
      const res = await t.request(method, url, { token: b.token, body });
      assert.equal(res.statusCode, 401, method);
      assert.deepEqual(res.json(), NON_PERMISSIBLE);
    }
    const missing = await t.request('GET', '/platform/api/v1/accounts/999999', { token: a.token });
    assert.equal(missing.statusCode, 404);
    assert.equal((await t.request('GET', '/platform/api/v1/accounts/99999999999', { token: a.token })).statusCode, 404);
    const show = await t.request('GET', url, { token: a.token });
    assert.equal(show.statusCode, 200);
    assert.deepEqual(show.json().features, { channel_facebook: true });
    const updated = await t.request('PATCH', url, {
      token: a.token,
      body: { name: 'Renamed', status: 'suspended', custom_attributes: { tier: 2 }, limits: { agents: 3 }, features: { channel_facebook: false, help_center: true } },
    });
    assert.equal(updated.statusCode, 200);
    assert.deepEqual(updated.json(), {
      id: created.id, name: 'Renamed', locale: 'en', domain: null, support_email: null, features: { help_center: true },
      custom_attributes: { tier: 2 }, limits: { agents: 3 }, status: 'suspended',
    });
    const replaced = await t.request('PUT', url, { token: a.token, body: { custom_attributes: { other: true } } });
    assert.deepEqual(replaced.json().custom_attributes, { other: true });
    const bad = await t.request('PATCH', url, { token: a.token, body: { status: 'gone' } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['status']);
    const deleted = await t.request('DELETE', url, { token: a.token });
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.body, '');
    assert.equal(await db.selectFrom('accounts').select('id').where('id', '=', created.id).executeTakeFirst(), undefined);
    assert.equal((await t.request('GET', url, { token: a.token })).statusCode, 404);
  });
});
