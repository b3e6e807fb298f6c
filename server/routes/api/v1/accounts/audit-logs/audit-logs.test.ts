import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword } from '../../../../../lib/passwords.js';
import { buildAdmin, buildAgent } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

const ENTRY_KEYS = [
  'id', 'auditable_id', 'auditable_type', 'auditable', 'associated_id', 'associated_type', 'user_id', 'user_type', 'username',
  'action', 'audited_changes', 'version', 'comment', 'request_uuid', 'created_at', 'remote_address',
];

describe('/api/v1/accounts/:account_id/audit_logs', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;
  const logOf = async (accountId: number, token: string, page = 1) =>
    (await t.request('GET', `/api/v1/accounts/${accountId}/audit_logs?page=${page}`, { token })).json();

  it('is for administrators only', async () => {
    const { account } = await buildAdmin(db, env);
    const agent = await buildAgent(db, env, { account });
    const res = await t.request('GET', `/api/v1/accounts/${account.id}/audit_logs`, { token: agent.token });
    assert.equal(res.statusCode, 401);
    assert.equal((await t.request('GET', `/api/v1/accounts/${account.id}/audit_logs`)).statusCode, 401);
    const bad = await t.request('GET', `/api/v1/accounts/${account.id}/audit_logs?page=0`, { token: (await buildAdmin(db, env, account)).token });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['page']);
  });

  it('records administrative actions with who, what, which record, changes, when and IP', async () => {
    const { account, token, user } = await buildAdmin(db, env);
    const headers = { 'x-forwarded-for': '198.51.100.7' };
    const before = Math.floor(Date.now() / 1000);
    await t.request('PATCH', `/api/v1/accounts/${account.id}`, { token, body: { name: 'Renamed Co' }, headers });
    const webhook = (await t.request('POST', `/api/v1/accounts/${account.id}/webhooks`, { token, body: { url: 'https://hooks.example.com/a', subscriptions: ['message_created'] }, headers })).json().payload.webhook;
    await t.request('PATCH', `/api/v1/accounts/${account.id}/webhooks/${webhook.id}`, { token, body: { url: 'https://hooks.example.com/b' }, headers });
    const invited = (await t.request('POST', `/api/v1/accounts/${account.id}/agents`, { token, body: { email: `audit-${Date.now()}@example.com` }, headers })).json();
    await t.request('PATCH', `/api/v1/accounts/${account.id}/agents/${invited.id}`, { token, body: { role: 'administrator' }, headers });
    await t.request('DELETE', `/api/v1/accounts/${account.id}/agents/${invited.id}`, { token, headers });
    const team = (await t.request('POST', `/api/v1/accounts/${account.id}/teams`, { token, body: { name: 'Billing' }, headers })).json();
    const role = (await t.request('POST', `/api/v1/accounts/${account.id}/custom_roles`, { token, body: { name: 'r' }, headers })).json();

    const log = await logOf(account.id, token);
    assert.equal(log.per_page, 25);
    assert.equal(log.current_page, 1);
    const entries = log.audit_logs as Array<Record<string, unknown>>;
    assert.equal(log.total_entries, entries.length);
    assert.deepEqual(Object.keys(entries[0]), ENTRY_KEYS);
    const summary = entries.map((e) => `${e.auditable_type}:${e.action}`);
    assert.deepEqual(summary, [
      'CustomRole:create', 'Team:create', 'AccountUser:destroy', 'AccountUser:update', 'AccountUser:create', 'Webhook:update', 'Webhook:create', 'Account:update',
    ], 'newest first');
    for (const entry of entries) {
      assert.equal(entry.user_id, user.id);
      assert.equal(entry.user_type, 'User');
      assert.equal(entry.username, user.email);
      assert.equal(entry.associated_type, 'Account');
      assert.equal(entry.associated_id, account.id);
      assert.equal(entry.remote_address, '198.51.100.7');
      assert.ok((entry.created_at as number) >= before);
    }
    const accountUpdate = entries.find((e) => e.auditable_type === 'Account')!;
    assert.deepEqual((accountUpdate.audited_changes as Record<string, unknown>).name, [account.name, 'Renamed Co']);
    const webhookUpdate = entries.find((e) => e.auditable_type === 'Webhook' && e.action === 'update')!;
    assert.deepEqual(webhookUpdate.audited_changes, { url: ['https://hooks.example.com/a', 'https://hooks.example.com/b'] });
    assert.equal(webhookUpdate.version, 2);
    const webhookCreate = entries.find((e) => e.auditable_type === 'Webhook' && e.action === 'create')!;
    assert.equal((webhookCreate.audited_changes as Record<string, unknown>).secret, undefined, 'secrets are never logged');
    const roleChange = entries.find((e) => e.auditable_type === 'AccountUser' && e.action === 'update')!;
    assert.deepEqual(roleChange.audited_changes, { role: [0, 1] });
    assert.equal(entries[0].auditable_id, role.id);
    assert.equal(entries[1].auditable_id, team.id);
    assert.equal((entries[1].audited_changes as Record<string, unknown>).name, 'billing');

    const stranger = await buildAdmin(db, env);
    assert.equal((await logOf(stranger.account.id, stranger.token)).total_entries, 0, 'entries stay in their account');
  });

  it('writes nothing when the change is refused, and nothing for an update that changed nothing', async () => {
    const { account, token } = await buildAdmin(db, env);
    await t.request('POST', `/api/v1/accounts/${account.id}/webhooks`, { token, body: { url: 'not a url', subscriptions: ['message_created'] } });
    await t.request('PATCH', `/api/v1/accounts/${account.id}`, { token, body: { name: account.name } });
    assert.equal((await logOf(account.id, token)).total_entries, 0);
  });

  it('records sign-in and sign-out in every account of the person', async () => {
    const { account, token } = await buildAdmin(db, env);
    const person = await buildAgent(db, env, { account, user: { encrypted_password: await hashPassword('Pass-word-1') } });
    const signIn = await t.request('POST', '/auth/sign_in', { body: { email: person.user.email, password: 'Pass-word-1' }, headers: { 'x-forwarded-for': '192.0.2.44' } });
    assert.equal(signIn.statusCode, 200);
    const headers = { 'access-token': String(signIn.headers['access-token']), client: String(signIn.headers.client), uid: String(signIn.headers.uid) };
    assert.equal((await t.request('DELETE', '/auth/sign_out', { headers })).statusCode, 200);
    const entries = (await logOf(account.id, token)).audit_logs as Array<Record<string, unknown>>;
    assert.deepEqual(entries.map((e) => [e.auditable_type, e.auditable_id, e.action]), [['User', person.user.id, 'sign_out'], ['User', person.user.id, 'sign_in']]);
    assert.equal(entries[1].remote_address, '192.0.2.44');
  });

  it('pages 25 at a time', async () => {
    const { account, token } = await buildAdmin(db, env);
    for (let i = 0; i < 27; i++) {
      await t.request('PATCH', `/api/v1/accounts/${account.id}`, { token, body: { name: `Name ${i}` } });
    }
    const first = await logOf(account.id, token);
    const second = await logOf(account.id, token, 2);
    assert.equal(first.total_entries, 27);
    assert.equal(first.audit_logs.length, 25);
    assert.equal(second.audit_logs.length, 2);
    assert.equal(second.current_page, 2);
  });
});
