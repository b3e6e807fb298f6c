import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signJwt } from '../../../../lib/jwt.js';
import { hmacHex } from '../../../../lib/tokens.js';
import { buildContact } from '../../../../test/factories.js';
import { buildTestApp } from '../../../../test/harness.js';
import { buildWidgetWorld } from './widget.fixtures.js';

describe('/api/v1/widget config and contact', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  it('POST /config makes an anonymous visitor contact, answers Chatwoot\'s config shape and keeps the visitor for its token', async () => {
    const w = await buildWidgetWorld(t, { welcome_title: 'Hello', widget_color: '#123456', feature_flags: 3 }, { name: 'Shop' });
    const res = await w.call('POST', '/config');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(Object.keys(body), ['website_channel_config', 'contact', 'global_config']);
    const config = body.website_channel_config;
    assert.equal(config.website_token, w.channel.website_token);
    assert.equal(config.website_name, 'Shop');
    assert.equal(config.welcome_title, 'Hello');
    assert.equal(config.widget_color, '#123456');
    assert.deepEqual(config.enabled_features, ['attachments', 'emoji_picker']);
    assert.equal(config.reply_time, 'in_a_few_minutes');
    assert.equal(config.utc_off_set, '+00:00');
    assert.equal(config.api_host, t.deps.env.frontendUrl);
    assert.deepEqual(config.enabled_languages.map((l: { iso_639_1_code: string }) => l.iso_639_1_code), ['en', 'es', 'pt_BR', 'fr', 'de']);
    assert.equal(config.working_hours.length, 7);
    assert.match(config.auth_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const contact = await db.selectFrom('contacts').selectAll().where('id', '=', body.contact.id).executeTakeFirstOrThrow();
    assert.equal(contact.account_id, w.account.id);
    assert.equal(contact.contact_type, 0);
    assert.equal(body.contact.name, contact.name);
    assert.equal(body.contact.email, null);
    const contactInbox = await db.selectFrom('contact_inboxes').selectAll().where('contact_id', '=', contact.id).executeTakeFirstOrThrow();
    assert.equal(contactInbox.inbox_id, w.inbox.id);
    assert.equal(body.contact.pubsub_token, contactInbox.pubsub_token);
    const events = await db.selectFrom('events').select('name').where('account_id', '=', w.account.id).execute();
    assert.ok(events.some((e) => e.name === 'contact.created'));

    const again = await w.call('POST', '/config', { auth: config.auth_token });
    assert.equal(again.json().contact.id, contact.id);
    const show = await w.call('GET', '/contact', { auth: config.auth_token });
    assert.equal(show.statusCode, 200);
    assert.deepEqual(show.json(), { id: contact.id, has_email: false, has_name: true, has_phone_number: false, identifier: null });
  });

  it('answers 404 for an unknown website token, a missing or forged visitor token, and a token of another inbox; 401 when the account is suspended', async () => {
    const w = await buildWidgetWorld(t);
    const other = await buildWidgetWorld(t);
    assert.equal((await t.request('POST', '/api/v1/widget/config?website_token=nope')).statusCode, 404);
    assert.equal((await t.request('POST', '/api/v1/widget/config')).statusCode, 404);
    assert.equal((await w.call('GET', '/contact')).statusCode, 404);
    const { token } = await w.visitor();
    const forged = signJwt({ source_id: 'x', inbox_id: w.inbox.id }, 'not-the-secret');
    assert.equal((await w.call('GET', '/contact', { auth: forged })).statusCode, 404);
    const expired = signJwt({ source_id: 'x', inbox_id: w.inbox.id, exp: 1 }, t.deps.env.secretKeyBase);
    assert.equal((await w.call('GET', '/contact', { auth: expired })).statusCode, 404);
    assert.equal((await other.call('GET', '/contact', { auth: token })).statusCode, 404);
    assert.equal((await w.call('GET', '/contact', { auth: token })).statusCode, 200);
    await db.updateTable('accounts').set({ status: 1 }).where('id', '=', w.account.id).execute();
    const suspended = await w.call('GET', '/contact', { auth: token });
    assert.equal(suspended.statusCode, 401);
    assert.deepEqual(suspended.json(), { error: 'Account is suspended' });
  });

  it('PATCH /contact identifies the visitor; 422 names a bad email; destroy_custom_attributes removes keys', async () => {
    const w = await buildWidgetWorld(t);
    const { token, contactId } = await w.visitor();
    const res = await w.call('PATCH', '/contact', { auth: token, body: { email: 'Ann@Example.com', name: 'Ann', custom_attributes: { plan: 'pro', seats: 3 } } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { id: contactId, has_email: true, has_name: true, has_phone_number: false });
    const contact = await db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
    assert.equal(contact.email, 'ann@example.com');
    assert.deepEqual(contact.custom_attributes, { plan: 'pro', seats: 3 });
    const bad = await w.call('PATCH', '/contact', { auth: token, body: { email: 'not an email' } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['email']);
    const tooLong = await w.call('PATCH', '/contact', { auth: token, body: { name: 'x'.repeat(300) } });
    assert.equal(tooLong.statusCode, 422);
    assert.deepEqual(tooLong.json().attributes, ['name']);
    const removed = await w.call('POST', '/contact/destroy_custom_attributes', { auth: token, body: { custom_attributes: ['plan'] } });
    assert.equal(removed.statusCode, 200);
    assert.deepEqual(removed.json().custom_attributes, { seats: 3 });
  });

  it('set_user with a valid identifier_hash links the visitor to the known contact and verifies the session; a wrong hash is 401', async () => {
    const w = await buildWidgetWorld(t);
    const known = await buildContact(db, { account: w.account, contact: { identifier: 'user-42', email: 'known@example.com', name: 'Known' } });
    const { token, contactId } = await w.visitor();
    const wrong = await w.call('PATCH', '/contact/set_user', { auth: token, body: { identifier: 'user-42', identifier_hash: 'deadbeef' } });
    assert.equal(wrong.statusCode, 401);
    assert.deepEqual(wrong.json(), { error: 'HMAC failed: Invalid Identifier Hash Provided' });
    const hash = hmacHex(w.channel.hmac_token, 'user-42');
    const res = await w.call('PATCH', '/contact/set_user', { auth: token, body: { identifier: 'user-42', identifier_hash: hash, name: 'Known Person' } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { id: known.id, has_email: true, has_name: true, has_phone_number: false });
    const session = await db.selectFrom('contact_inboxes').selectAll().where('inbox_id', '=', w.inbox.id).where('contact_id', '=', known.id).executeTakeFirstOrThrow();
    assert.equal(session.hmac_verified, true);
    assert.equal(await db.selectFrom('contacts').select('id').where('id', '=', contactId).executeTakeFirst(), undefined);
    const show = await w.call('GET', '/contact', { auth: token });
    assert.equal(show.json().id, known.id);
    assert.equal(show.json().identifier, 'user-42');

    const another = hmacHex(w.channel.hmac_token, 'user-43');
    const switched = await w.call('PATCH', '/contact/set_user', { auth: token, body: { identifier: 'user-43', identifier_hash: another } });
    assert.equal(switched.statusCode, 200);
    assert.notEqual(switched.json().id, known.id);
    assert.match(switched.json().widget_auth_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const next = await w.call('GET', '/contact', { auth: switched.json().widget_auth_token });
    assert.equal(next.json().identifier, 'user-43');
  });

  it('set_user on an hmac_mandatory inbox refuses a missing hash; without it an optional inbox identifies without verifying', async () => {
    const strict = await buildWidgetWorld(t, { hmac_mandatory: true });
    const s = await strict.visitor();
    const refused = await strict.call('PATCH', '/contact/set_user', { auth: s.token, body: { identifier: 'abc', email: 'a@example.com' } });
    assert.equal(refused.statusCode, 401);
    const lax = await buildWidgetWorld(t);
    const l = await lax.visitor();
    const ok = await lax.call('PATCH', '/contact/set_user', { auth: l.token, body: { identifier: 'abc', email: 'a@example.com' } });
    assert.equal(ok.statusCode, 200);
    const session = await db.selectFrom('contact_inboxes').selectAll().where('inbox_id', '=', lax.inbox.id).executeTakeFirstOrThrow();
    assert.equal(session.hmac_verified, false);
  });
});
