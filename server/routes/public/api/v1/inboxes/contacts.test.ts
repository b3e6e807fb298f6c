import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildContact, buildContactInbox, buildConversation } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { buildPublicDesk, createSession, eventsSince, identifierHash } from './public.fixtures.js';

const HMAC_FAILED = { error: 'HMAC failed: Invalid Identifier Hash Provided' };

describe('Client API: contacts', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;
  const contactRow = (id: number) => db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  const sessionRow = (sourceId: string) => db.selectFrom('contact_inboxes').selectAll().where('source_id', '=', sourceId).executeTakeFirstOrThrow();
  const names = eventsSince(t);

  describe('POST /contacts', () => {
    it('creates the contact and its session with a UUID source_id, and records contact.created', async () => {
      const { account, base, inbox } = await buildPublicDesk(db, env);
      const res = await t.request('POST', `${base}/contacts`, {
        body: { name: 'Ann', email: 'Ann@Example.com', phone_number: '+14155550100', identifier: 'ann-1', custom_attributes: { plan: 'pro' } },
      });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.deepEqual(Object.keys(body), ['source_id', 'pubsub_token', 'id', 'name', 'email', 'phone_number']);
      assert.match(body.source_id, /^[0-9a-f-]{36}$/);
      assert.deepEqual({ ...body, source_id: 'x', pubsub_token: 'y' }, {
        source_id: 'x', pubsub_token: 'y', id: body.id, name: 'Ann', email: 'ann@example.com', phone_number: '+14155550100',
      });
      const session = await sessionRow(body.source_id);
      assert.deepEqual([session.inbox_id, session.contact_id, session.pubsub_token, session.hmac_verified], [inbox.id, body.id, body.pubsub_token, false]);
      const contact = await contactRow(body.id);
      assert.deepEqual([contact?.identifier, contact?.custom_attributes, contact?.account_id], ['ann-1', { plan: 'pro' }, account.id]);
      assert.deepEqual(await names(account.id), ['contact.created']);
    });

    it('keeps a given source_id, returns an existing session as is, reuses a contact found by email and names a generated one', async () => {
      const { account, base } = await buildPublicDesk(db, env);
      const first = await createSession(t, base, { source_id: 'device-42', name: 'Bo' });
      assert.equal(first.source_id, 'device-42');
      const again = await createSession(t, base, { source_id: 'device-42', name: 'Changed' });
      assert.deepEqual(again, first);
      const known = await buildContact(db, { account, contact: { email: 'known@example.com' } });
      const reused = await createSession(t, base, { email: 'KNOWN@example.com' });
      assert.equal(reused.id, known.id);
      assert.notEqual(reused.source_id, first.source_id);
      const anonymous = await t.request('POST', `${base}/contacts`);
      assert.equal(anonymous.statusCode, 200);
      assert.match(anonymous.json().name, /^[a-z]+-[a-z]+-\d+$/);
    });

    it('answers 422 naming the field for a bad email, phone or over-long name, and writes nothing', async () => {
      const { account, base } = await buildPublicDesk(db, env);
      const bad = await t.request('POST', `${base}/contacts`, { body: { email: 'not-an-email', phone_number: '12' } });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().attributes, ['email', 'phone_number']);
      const long = await t.request('POST', `${base}/contacts`, { body: { name: 'x'.repeat(256) } });
      assert.deepEqual([long.statusCode, long.json().attributes], [422, ['name']]);
      const rows = await db.selectFrom('contacts').select('id').where('account_id', '=', account.id).execute();
      assert.equal(rows.length, 0);
    });

    it('checks the identifier hash when sent and refuses a wrong one with 401, creating nothing', async () => {
      const { account, base, channel } = await buildPublicDesk(db, env);
      const ok = await t.request('POST', `${base}/contacts`, { body: { identifier: 'u-1', identifier_hash: identifierHash(channel, 'u-1') } });
      assert.equal(ok.statusCode, 200);
      assert.equal((await sessionRow(ok.json().source_id)).hmac_verified, false, 'create only validates');
      const wrong = await t.request('POST', `${base}/contacts`, { body: { identifier: 'u-2', identifier_hash: identifierHash(channel, 'u-3') } });
      assert.deepEqual([wrong.statusCode, wrong.json()], [401, HMAC_FAILED]);
      const rows = await db.selectFrom('contacts').select('identifier').where('account_id', '=', account.id).execute();
      assert.deepEqual(rows.map((r) => r.identifier), ['u-1']);
    });

    it('requires the hash when the channel makes identity validation mandatory', async () => {
      const { base, channel } = await buildPublicDesk(db, env, { hmac_mandatory: true });
      const missing = await t.request('POST', `${base}/contacts`, { body: { identifier: 'u-9' } });
      assert.deepEqual([missing.statusCode, missing.json()], [401, HMAC_FAILED]);
      const ok = await t.request('POST', `${base}/contacts`, { body: { identifier: 'u-9', identifier_hash: identifierHash(channel, 'u-9') } });
      assert.equal(ok.statusCode, 200);
    });
  });

  describe('GET /contacts/:source_id', () => {
    it('shows the session; a valid hash marks it hmac_verified; a wrong or (mandatory) missing one is 401', async () => {
      const { base, channel } = await buildPublicDesk(db, env);
      const session = await createSession(t, base, { name: 'Cy', identifier: 'cy' });
      const res = await t.request('GET', `${base}/contacts/${session.source_id}`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { ...session, name: 'Cy', email: null, phone_number: null });
      const wrong = await t.request('GET', `${base}/contacts/${session.source_id}?identifier=cy&identifier_hash=00`);
      assert.deepEqual([wrong.statusCode, wrong.json()], [401, HMAC_FAILED]);
      assert.equal((await sessionRow(session.source_id)).hmac_verified, false);
      const hash = identifierHash(channel, 'cy');
      const good = await t.request('GET', `${base}/contacts/${session.source_id}?identifier=cy&identifier_hash=${hash}`);
      assert.equal(good.statusCode, 200);
      assert.equal((await sessionRow(session.source_id)).hmac_verified, true);
      await db.updateTable('channel_api').set({ hmac_mandatory: true }).where('id', '=', channel.id).execute();
      assert.equal((await t.request('GET', `${base}/contacts/${session.source_id}`)).statusCode, 401);
    });

    it('answers Rails 404 for an unknown source_id and for a session of another inbox', async () => {
      const { account, base } = await buildPublicDesk(db, env);
      const other = await buildPublicDesk(db, env);
      const foreign = await createSession(t, other.base);
      for (const sourceId of ['missing', foreign.source_id]) {
        const res = await t.request('GET', `${base}/contacts/${sourceId}`);
        assert.deepEqual([res.statusCode, res.json()], [404, { status: 404, error: 'Not Found' }]);
      }
      assert.ok(account.id);
    });
  });

  describe('PATCH /contacts/:source_id', () => {
    it('updates the contact and answers the raw contact; the identifier is not changed; contact.updated is recorded', async () => {
      const { account, base } = await buildPublicDesk(db, env);
      const session = await createSession(t, base, { name: 'Dee', custom_attributes: { a: { x: 1 } } });
      await names(account.id);
      const res = await t.request('PATCH', `${base}/contacts/${session.source_id}`, {
        body: { name: 'Dee Dee', email: 'dee@example.com', identifier: 'ignored', custom_attributes: { a: { y: 2 } } },
      });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      const row = await contactRow(session.id);
      assert.deepEqual(Object.keys(body), [
        'id', 'name', 'email', 'phone_number', 'account_id', 'created_at', 'updated_at', 'additional_attributes', 'identifier',
        'custom_attributes', 'last_activity_at', 'contact_type', 'middle_name', 'last_name', 'location', 'country_code', 'blocked', 'company_id',
      ]);
      assert.deepEqual(body, {
        id: session.id, name: 'Dee Dee', email: 'dee@example.com', phone_number: null, account_id: account.id,
        created_at: new Date(row?.created_at as number).toISOString(), updated_at: new Date(row?.updated_at as number).toISOString(),
        additional_attributes: {}, identifier: null, custom_attributes: { a: { x: 1, y: 2 } }, last_activity_at: null,
        contact_type: 'lead', middle_name: '', last_name: '', location: '', country_code: '', blocked: false, company_id: null,
      });
      assert.deepEqual(await names(account.id), ['contact.updated']);
      const events = t.events.of(account.id).filter((e) => e.name === 'contact.updated');
      assert.deepEqual(events[0]?.changes?.name, ['Dee', 'Dee Dee']);
      const same = await t.request('PATCH', `${base}/contacts/${session.source_id}`, { body: { name: 'Dee Dee' } });
      assert.equal(same.statusCode, 200);
      assert.deepEqual(await names(account.id), [], 'no change, no event');
    });

    it('merges the session contact into an existing contact with the same email, moving its conversations', async () => {
      const { account, base, inbox } = await buildPublicDesk(db, env);
      const existing = await buildContact(db, { account, contact: { email: 'eve@example.com', name: 'Eve', identifier: 'eve-crm' } });
      const session = await createSession(t, base, { name: 'Visitor', custom_attributes: { seen: true } });
      const visitor = await contactRow(session.id);
      const conversation = await buildConversation(db, { account, inbox, contact: visitor });
      await names(account.id);
      const res = await t.request('PATCH', `${base}/contacts/${session.source_id}`, { body: { email: 'EVE@example.com', name: 'Eve N.' } });
      assert.equal(res.statusCode, 200);
      assert.deepEqual([res.json().id, res.json().name, res.json().identifier, res.json().custom_attributes], [existing.id, 'Eve N.', 'eve-crm', { seen: true }]);
      assert.equal(await contactRow(session.id), undefined);
      assert.equal((await sessionRow(session.source_id)).contact_id, existing.id);
      const moved = await db.selectFrom('conversations').select('contact_id').where('id', '=', conversation.id).executeTakeFirstOrThrow();
      assert.equal(moved.contact_id, existing.id);
      assert.deepEqual(await names(account.id), ['conversation.contact_changed', 'contact.deleted', 'contact.merged', 'contact.updated', 'contact.updated']);
      const shown = await t.request('GET', `${base}/contacts/${session.source_id}`);
      assert.equal(shown.json().id, existing.id);
    });

    it('verifies the hash before identifying and answers 422 naming the field for a bad phone number', async () => {
      const { account, base, channel, inbox } = await buildPublicDesk(db, env);
      const contact = await buildContact(db, { account, contact: { identifier: 'fay' } });
      const ci = await buildContactInbox(db, { contact, inbox });
      const wrong = await t.request('PATCH', `${base}/contacts/${ci.source_id}`, { body: { identifier: 'fay', identifier_hash: 'bad', name: 'X' } });
      assert.deepEqual([wrong.statusCode, wrong.json()], [401, HMAC_FAILED]);
      assert.equal((await contactRow(contact.id))?.name, contact.name);
      const good = await t.request('PATCH', `${base}/contacts/${ci.source_id}`, { body: { identifier: 'fay', identifier_hash: identifierHash(channel, 'fay') } });
      assert.equal(good.statusCode, 200);
      assert.equal((await sessionRow(ci.source_id)).hmac_verified, true);
      const bad = await t.request('PATCH', `${base}/contacts/${ci.source_id}`, { body: { phone_number: '555' } });
      assert.deepEqual([bad.statusCode, bad.json().attributes], [422, ['phone_number']]);
      const missing = await t.request('PATCH', `${base}/contacts/nope`, { body: { name: 'x' } });
      assert.deepEqual([missing.statusCode, missing.json()], [404, { status: 404, error: 'Not Found' }]);
    });
  });
});
