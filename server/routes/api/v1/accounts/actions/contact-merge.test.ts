import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import { buildAccount, buildAgent, buildContact, buildContactInbox, buildConversation, buildInbox, buildMessage } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('POST /api/v1/accounts/:account_id/actions/contact_merge', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number) => `/api/v1/accounts/${accountId}/actions/contact_merge`;
  const contactRow = (id: number) => db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();

  it('moves conversations, messages, contact inboxes, notes and labels to the base, merges attributes, deletes the mergee', async () => {
    const { account, token, user } = await buildAgent(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account });
    const base = await buildContact(db, { account, contact: { name: 'Base', email: 'base@example.com', phone_number: null, custom_attributes: { tier: 'gold', nested: { a: 1 } } } });
    const mergee = await buildContact(db, {
      account, contact: { name: 'Mergee', email: 'mergee@example.com', phone_number: '+12125550000', identifier: 'crm-9', custom_attributes: { tier: 'free', seats: 4, nested: { b: 2 } } },
    });
    const conversation = await buildConversation(db, { account, inbox, contact: mergee });
    const message = await buildMessage(db, { conversation });
    const contactInbox = await buildContactInbox(db, { contact: mergee, inbox });
    await db.insertInto('notes').values({ account_id: account.id, contact_id: mergee.id, user_id: user.id, content: 'met at fair', created_at: 1, updated_at: 1 }).execute();
    await taggingRepository.replace(db, account.id, 'Contact', base.id, ['vip']);
    await taggingRepository.replace(db, account.id, 'Contact', mergee.id, ['lead', 'vip']);

    const res = await t.request('POST', url(account.id), { token, body: { base_contact_id: base.id, mergee_contact_id: mergee.id } });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual([body.id, body.name, body.email, body.phone_number, body.identifier], [base.id, 'Base', 'base@example.com', '+12125550000', 'crm-9']);
    assert.deepEqual(body.custom_attributes, { tier: 'gold', seats: 4, nested: { a: 1, b: 2 } });
    assert.equal('contact_inboxes' in body, false);
    assert.equal(await contactRow(mergee.id), undefined);
    const moved = await db.selectFrom('conversations').select('contact_id').where('id', '=', conversation.id).executeTakeFirstOrThrow();
    assert.equal(moved.contact_id, base.id);
    const sent = await db.selectFrom('messages').select('sender_id').where('id', '=', message.id).executeTakeFirstOrThrow();
    assert.equal(sent.sender_id, base.id);
    const ci = await db.selectFrom('contact_inboxes').select('contact_id').where('id', '=', contactInbox.id).executeTakeFirstOrThrow();
    assert.equal(ci.contact_id, base.id);
    const notes = await db.selectFrom('notes').select(['contact_id', 'content']).where('account_id', '=', account.id).execute();
    assert.deepEqual(notes, [{ contact_id: base.id, content: 'met at fair' }]);
    assert.deepEqual(await taggingRepository.listTitles(db, account.id, 'Contact', base.id), ['vip', 'lead']);
    assert.deepEqual(await taggingRepository.listTitles(db, account.id, 'Contact', mergee.id), []);
    await t.settle();
    assert.equal(t.events.of(account.id, 'contact.deleted').filter((e) => e.contactId === mergee.id).length, 1);
    assert.equal(t.events.of(account.id, 'contact.merged').filter((e) => e.contactId === base.id).length, 1);
    assert.ok(t.events.of(account.id, 'contact.updated').some((e) => e.contactId === base.id));
    assert.ok(t.events.of(account.id, 'conversation.contact_changed').some((e) => e.conversationId === conversation.id));
  });

  it('answers 404 for a contact of another account and 422 naming a missing id, changing nothing', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const base = await buildContact(db, { account });
    const foreign = await buildContact(db, { account: await buildAccount(db) });
    const cross = await t.request('POST', url(account.id), { token, body: { base_contact_id: base.id, mergee_contact_id: foreign.id } });
    assert.equal(cross.statusCode, 404);
    assert.ok(await contactRow(foreign.id));
    const missing = await t.request('POST', url(account.id), { token, body: { base_contact_id: base.id } });
    assert.deepEqual([missing.statusCode, missing.json().attributes], [422, ['mergee_contact_id']]);
    assert.equal((await t.request('POST', url(account.id), { body: { base_contact_id: base.id, mergee_contact_id: base.id } })).statusCode, 401);
    const same = await t.request('POST', url(account.id), { token, body: { base_contact_id: base.id, mergee_contact_id: base.id } });
    assert.deepEqual([same.statusCode, same.json().id], [200, base.id]);
    assert.ok(await contactRow(base.id));
  });
});
