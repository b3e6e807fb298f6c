import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword } from '../../lib/passwords.js';
import { MAIL_REQUEST_LIMITS, SIGN_IN_LIMITS } from '../../operations/auth/sign-in-throttle.js';
import { buildAccount, buildAdmin, buildAgent } from '../../test/factories.js';
import { buildTestApp } from '../../test/harness.js';
import { startSmtpSink } from '../../test/smtp.js';

const PASSWORD = 'Secret-pass-1';
const BAD_CREDENTIALS = { success: false, errors: ['Invalid login credentials. Please try again.'] };

describe('/auth (devise_token_auth sign-in)', async () => {
  const smtp = await startSmtpSink();
  const t = await buildTestApp({ env: { smtp: smtp.config, frontendUrl: 'https://parley.example' } });
  const db = t.deps.db.kysely;
  const env = t.deps.env;
  let ipCounter = 0;
  /** A distinct client address per test, so the per-IP limit of one test does not leak into another. */
  const freshIp = () => `203.0.113.${++ipCounter}`;

  async function agentWithPassword(role: 'agent' | 'administrator' = 'agent') {
    const built = await buildAgent(db, env, { role, user: { encrypted_password: await hashPassword(PASSWORD) } });
    return built;
  }
  const signIn = (email: string, password: string, ip = freshIp()) =>
    t.request('POST', '/auth/sign_in', { body: { email, password }, headers: { 'x-forwarded-for': ip } });
  const sessionHeadersOf = (res: { headers: Record<string, unknown> }) => ({
    'access-token': String(res.headers['access-token']), client: String(res.headers.client), uid: String(res.headers.uid),
  });
  const linkToken = (raw: string, name: string) => {
    const match = new RegExp(`${name}=([A-Za-z0-9_-]+)`).exec(raw);
    assert.ok(match, `no ${name} link in mail:\n${raw}`);
    return match[1];
  };

  it('signs in, authenticates API calls with the headers, signs out, then answers 401', async () => {
    const { user, account } = await agentWithPassword();
    const res = await signIn(` ${user.email.toUpperCase()} `, PASSWORD);
    assert.equal(res.statusCode, 200, res.body);
    for (const header of ['access-token', 'client', 'uid', 'expiry', 'token-type', 'authorization']) {
      assert.ok(res.headers[header], `header ${header}`);
    }
    assert.equal(res.headers['token-type'], 'Bearer');
    assert.equal(res.headers.uid, user.email);
    const expiry = Number(res.headers.expiry);
    assert.ok(expiry > Date.now() / 1000 + 50 * 86400 && expiry < Date.now() / 1000 + 70 * 86400, 'about two months');
    const body = res.json();
    assert.equal(body.data.id, user.id);
    assert.equal(body.data.email, user.email);
    assert.equal(body.data.confirmed, true);
    assert.equal(typeof body.data.access_token, 'string');
    assert.deepEqual(body.data.accounts.map((a: { id: number }) => a.id), [account.id]);
    const stored = await db.selectFrom('user_sessions').selectAll().where('user_id', '=', user.id).execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0].token_digest, res.headers['access-token'], 'token stored hashed');

    const headers = sessionHeadersOf(res);
    const agents = await t.request('GET', `/api/v1/accounts/${account.id}/agents`, { headers });
    assert.equal(agents.statusCode, 200);
    const profile = await t.request('GET', '/api/v1/profile', { headers });
    assert.equal(profile.statusCode, 200);
    assert.equal(profile.json().id, user.id);
    const packed = await t.request('GET', '/api/v1/profile', { headers: { authorization: String(res.headers.authorization) } });
    assert.equal(packed.statusCode, 200, 'Authorization: Bearer <base64> works too');
    const validate = await t.request('GET', '/auth/validate_token', { headers });
    assert.equal(validate.statusCode, 200);
    assert.equal(validate.json().payload.success, true);
    assert.equal(validate.json().payload.data.id, user.id);
    assert.equal(validate.json().payload.data.created_at, new Date(user.created_at).toISOString());

    const out = await t.request('DELETE', '/auth/sign_out', { headers });
    assert.equal(out.statusCode, 200);
    assert.deepEqual(out.json(), { success: true });
    const after = await t.request('GET', `/api/v1/accounts/${account.id}/agents`, { headers });
    assert.equal(after.statusCode, 401);
    assert.deepEqual(after.json(), { errors: ['You need to sign in or sign up before continuing.'] });
    const again = await t.request('DELETE', '/auth/sign_out', { headers });
    assert.equal(again.statusCode, 404);
    assert.deepEqual(again.json(), { success: false, errors: ['User was not found or was not logged in.'] });
    const invalid = await t.request('GET', '/auth/validate_token', { headers });
    assert.equal(invalid.statusCode, 401);
    assert.deepEqual(invalid.json(), { success: false, errors: ['Invalid login credentials'] });
  });

  it('keeps several clients signed in; signing one out leaves the others', async () => {
    const { user } = await agentWithPassword();
    const first = sessionHeadersOf(await signIn(user.email, PASSWORD));
    const second = sessionHeadersOf(await signIn(user.email, PASSWORD));
    assert.notEqual(first.client, second.client);
    assert.equal((await t.request('DELETE', '/auth/sign_out', { headers: first })).statusCode, 200);
    assert.equal((await t.request('GET', '/api/v1/profile', { headers: first })).statusCode, 401);
    assert.equal((await t.request('GET', '/api/v1/profile', { headers: second })).statusCode, 200);
  });

  it('refuses wrong, mismatched and expired tokens', async () => {
    const { user } = await agentWithPassword();
    const other = await agentWithPassword();
    const headers = sessionHeadersOf(await signIn(user.email, PASSWORD));
    const cases = [
      { ...headers, 'access-token': 'wrong' },
      { ...headers, client: 'unknown' },
      { ...headers, uid: other.user.email },
      { 'access-token': headers['access-token'], client: headers.client },
    ];
    for (const bad of cases) {
      assert.equal((await t.request('GET', '/api/v1/profile', { headers: bad })).statusCode, 401, JSON.stringify(bad));
    }
    await db.updateTable('user_sessions').set({ expires_at: Date.now() - 1 }).where('user_id', '=', user.id).execute();
    assert.equal((await t.request('GET', '/api/v1/profile', { headers })).statusCode, 401);
  });

  it('answers a wrong password, an unknown email and a missing field with 401', async () => {
    const { user } = await agentWithPassword();
    for (const body of [{ email: user.email, password: 'nope-nope' }, { email: 'nobody@example.com', password: PASSWORD }, { email: user.email }, {}]) {
      const res = await t.request('POST', '/auth/sign_in', { body, headers: { 'x-forwarded-for': freshIp() } });
      assert.equal(res.statusCode, 401, JSON.stringify(body));
      assert.deepEqual(res.json(), BAD_CREDENTIALS);
      assert.equal(res.headers['access-token'], undefined);
    }
    const tooLong = await t.request('POST', '/auth/sign_in', { body: { email: user.email, password: 'x'.repeat(200) } });
    assert.equal(tooLong.statusCode, 422);
    assert.deepEqual(tooLong.json().attributes, ['password']);
  });

  it('rate limits failed sign-ins per IP with 429 and Retry-After', async () => {
    const { user } = await agentWithPassword();
    const ip = freshIp();
    for (let i = 0; i < SIGN_IN_LIMITS.ip.failures; i++) {
      assert.equal((await signIn(`someone-${i}@example.com`, 'wrong-one', ip)).statusCode, 401);
    }
    const limited = await signIn(user.email, PASSWORD, ip);
    assert.equal(limited.statusCode, 429);
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= SIGN_IN_LIMITS.ip.windowMs / 1000, String(limited.headers['retry-after']));
    assert.ok(limited.json().error);
    assert.equal((await signIn(user.email, PASSWORD)).statusCode, 200, 'another IP still signs in');
  });

  it('rate limits failed sign-ins per email across IPs', async () => {
    const { user } = await agentWithPassword();
    for (let i = 0; i < SIGN_IN_LIMITS.email.failures; i++) {
      assert.equal((await signIn(user.email, 'wrong-one')).statusCode, 401);
    }
    const limited = await signIn(user.email, PASSWORD);
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    // The counter lives in the database, so every node sees it; when its window has passed, sign-in works again.
    await db.updateTable('auth_throttles').set({ window_started_at: Date.now() - SIGN_IN_LIMITS.email.windowMs - 1 })
      .where('key', '=', `sign_in:email:${user.email}`).execute();
    assert.equal((await signIn(user.email, PASSWORD)).statusCode, 200);
  });

  it('resets a password through the emailed link, signing the old clients out', async () => {
    const { user } = await agentWithPassword();
    const old = sessionHeadersOf(await signIn(user.email, PASSWORD));
    const res = await t.request('POST', '/auth/password', { body: { email: user.email.toUpperCase() } });
    assert.equal(res.statusCode, 200);
    assert.match(res.json().message, /password reset is successful/);
    const unknown = await t.request('POST', '/auth/password', { body: { email: 'ghost@example.com' } });
    assert.equal(unknown.statusCode, 200, 'no hint whether the email exists');
    const mail = await smtp.waitFor(user.email, (m) => m.raw.includes('reset_password_token='));
    assert.match(mail.raw, /Subject: Reset password instructions/);
    assert.ok(mail.raw.includes('https://parley.example/app/auth/password/edit?reset_password_token='));
    const token = linkToken(mail.raw, 'reset_password_token');
    const stored = await db.selectFrom('users').select('reset_password_token').where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.notEqual(stored.reset_password_token, token, 'stored as a digest');

    const short = await t.request('PUT', '/auth/password', { body: { reset_password_token: token, password: 'abc', password_confirmation: 'abc' } });
    assert.equal(short.statusCode, 422);
    assert.deepEqual(short.json().attributes, ['password']);
    const mismatch = await t.request('PUT', '/auth/password', { body: { reset_password_token: token, password: 'New-pass-22', password_confirmation: 'other-22' } });
    assert.equal(mismatch.statusCode, 422);
    assert.deepEqual(mismatch.json().attributes, ['password_confirmation']);
    const wrong = await t.request('PUT', '/auth/password', { body: { reset_password_token: 'nope', password: 'New-pass-22' } });
    assert.equal(wrong.statusCode, 422);
    assert.deepEqual(wrong.json(), { message: 'Invalid token', redirect_url: '/' });

    const done = await t.request('PUT', '/auth/password', { body: { reset_password_token: token, password: 'New-pass-22', password_confirmation: 'New-pass-22' } });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().data.id, user.id);
    assert.ok(done.headers['access-token']);
    assert.equal((await t.request('GET', '/api/v1/profile', { headers: old })).statusCode, 401, 'old clients signed out');
    assert.equal((await t.request('GET', '/api/v1/profile', { headers: sessionHeadersOf(done) })).statusCode, 200);
    const reused = await t.request('PUT', '/auth/password', { body: { reset_password_token: token, password: 'Other-pass-33' } });
    assert.equal(reused.statusCode, 422, 'a link works once');
    assert.equal((await signIn(user.email, PASSWORD)).statusCode, 401);
    assert.equal((await signIn(user.email, 'New-pass-22')).statusCode, 200);
  });

  it('rate limits password-reset requests per email with 429 and Retry-After', async () => {
    const { user } = await agentWithPassword();
    for (let i = 0; i < MAIL_REQUEST_LIMITS.email.failures; i++) {
      const res = await t.request('POST', '/auth/password', { body: { email: user.email }, headers: { 'x-forwarded-for': freshIp() } });
      assert.equal(res.statusCode, 200);
    }
    const limited = await t.request('POST', '/auth/password', { body: { email: user.email }, headers: { 'x-forwarded-for': freshIp() } });
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    const ip = freshIp();
    for (let i = 0; i < MAIL_REQUEST_LIMITS.ip.failures; i++) {
      await t.request('POST', '/resend_confirmation', { body: { email: `nobody-${i}@example.com` }, headers: { 'x-forwarded-for': ip } });
    }
    const byIp = await t.request('POST', '/resend_confirmation', { body: { email: 'someone@example.com' }, headers: { 'x-forwarded-for': ip } });
    assert.equal(byIp.statusCode, 429);
  });

  it('refuses an expired reset link', async () => {
    const { user } = await agentWithPassword();
    await t.request('POST', '/auth/password', { body: { email: user.email } });
    const mail = await smtp.waitFor(user.email, (m) => m.raw.includes('reset_password_token='));
    await db.updateTable('users').set({ reset_password_sent_at: Date.now() - 7 * 3_600_000 }).where('id', '=', user.id).execute();
    const res = await t.request('PUT', '/auth/password', { body: { reset_password_token: linkToken(mail.raw, 'reset_password_token'), password: 'New-pass-22' } });
    assert.equal(res.statusCode, 422);
  });

  it('invites an agent: unconfirmed until the emailed link, then sets a password and signs in', async () => {
    const account = await buildAccount(db, { name: 'Acme Support' });
    const admin = await buildAdmin(db, env, account);
    const email = `invitee-${Date.now()}@example.com`;
    const created = await t.request('POST', `/api/v1/accounts/${account.id}/agents`, { token: admin.token, body: { name: 'Invitee', email } });
    assert.equal(created.statusCode, 200);
    assert.equal(created.json().confirmed, false);
    const listed = await t.request('GET', `/api/v1/accounts/${account.id}/agents`, { token: admin.token });
    assert.equal(listed.json().find((a: { email: string }) => a.email === email).confirmed, false);

    const mail = await smtp.waitFor(email);
    assert.match(mail.raw, /Acme Support/);
    assert.ok(mail.raw.includes(admin.user.name), 'names the inviter');
    assert.equal((await signIn(email, 'anything-1')).statusCode, 401, 'no password yet');

    const confirmationToken = linkToken(mail.raw, 'confirmation_token');
    const bad = await t.request('POST', '/auth/confirmation', { body: { confirmation_token: 'nope' } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json(), { message: 'Invalid token', redirect_url: '/' });
    const missing = await t.request('POST', '/auth/confirmation', { body: {} });
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(missing.json().attributes, ['confirmation_token']);
    const confirmed = await t.request('POST', '/auth/confirmation', { body: { confirmation_token: confirmationToken } });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(confirmed.json().data.confirmed, true);
    assert.ok(confirmed.headers['access-token']);
    const twice = await t.request('POST', '/auth/confirmation', { body: { confirmation_token: confirmationToken } });
    assert.deepEqual(twice.json(), { message: 'Already confirmed', redirect_url: '/' });
    const agents = await t.request('GET', `/api/v1/accounts/${account.id}/agents`, { token: admin.token });
    assert.equal(agents.json().find((a: { email: string }) => a.email === email).confirmed, true);

    const set = await t.request('PUT', '/auth/password', {
      body: { reset_password_token: linkToken(mail.raw, 'reset_password_token'), password: 'Chosen-pass-9', password_confirmation: 'Chosen-pass-9' },
    });
    assert.equal(set.statusCode, 200, set.body);
    const signedIn = await signIn(email, 'Chosen-pass-9');
    assert.equal(signedIn.statusCode, 200);
    assert.equal(signedIn.json().data.role, 'agent');
    const inAccount = await t.request('GET', `/api/v1/accounts/${account.id}/agents`, { headers: sessionHeadersOf(signedIn) });
    assert.equal(inAccount.statusCode, 200);
  });

  it('accepting the invitation link alone confirms the agent', async () => {
    const { account, token } = await buildAdmin(db, env);
    const email = `accept-${Date.now()}@example.com`;
    assert.equal((await t.request('POST', `/api/v1/accounts/${account.id}/agents`, { token, body: { email } })).statusCode, 200);
    const mail = await smtp.waitFor(email);
    const set = await t.request('PUT', '/auth/password', { body: { reset_password_token: linkToken(mail.raw, 'reset_password_token'), password: 'Chosen-pass-9' } });
    assert.equal(set.statusCode, 200);
    assert.equal(set.json().data.confirmed, true);
    assert.equal((await signIn(email, 'Chosen-pass-9')).statusCode, 200);
  });

  it('an unconfirmed user cannot sign in; resending mails a fresh confirmation link', async () => {
    const { user } = await buildAgent(db, env, { user: { encrypted_password: await hashPassword(PASSWORD), confirmed_at: null } });
    const res = await signIn(user.email, PASSWORD);
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error_code, 'user_not_confirmed');
    const resend = await t.request('POST', '/resend_confirmation', { body: { email: user.email } });
    assert.equal(resend.statusCode, 200);
    const mail = await smtp.waitFor(user.email, (m) => m.raw.includes('confirmation_token='));
    assert.match(mail.raw, /Subject: Confirmation Instructions/);
    const unknown = await t.request('POST', '/resend_confirmation', { body: { email: 'ghost@example.com' } });
    assert.equal(unknown.statusCode, 200);
    const confirmed = await t.request('POST', '/auth/confirmation', { body: { confirmation_token: linkToken(mail.raw, 'confirmation_token') } });
    assert.equal(confirmed.statusCode, 200);
    assert.equal((await signIn(user.email, PASSWORD)).statusCode, 200);
  });

  it('resends the confirmation from the profile', async () => {
    const { user, token } = await buildAgent(db, env, { user: { confirmed_at: null } });
    const res = await t.request('POST', '/api/v1/profile/resend_confirmation', { token });
    assert.equal(res.statusCode, 200);
    const mail = await smtp.waitFor(user.email, (m) => m.raw.includes('confirmation_token='));
    assert.ok(mail.raw.includes('https://parley.example/app/auth/confirmation?confirmation_token='));
  });
});
