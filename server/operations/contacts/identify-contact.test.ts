import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withTransaction } from '../../context.js';
import { buildAccount, buildContact, buildConversation, buildMessage } from '../../test/factories.js';
import { buildTestApp } from '../../test/harness.js';
import { identifyContact, type IdentifyContactInput } from './identify-contact.js';

describe('identifyContact (ContactIdentifyAction)', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const contactRow = (id: number) => db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  const identify = (accountId: number, contactId: number, params: IdentifyContactInput) => withTransaction(t.deps, async (tx) => {
    const contact = await tx.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
    return identifyContact({ ...t.ctx(accountId, { type: 'Contact', id: contactId }), db: tx }, contact, params);
  });

  it('merges into the contact with the same identifier, moving conversations and sent messages; base values win', async () => {
    const account = await buildAccount(db);
    const base = await buildContact(db, { account, contact: { identifier: 'crm-1', name: 'Base', email: null, custom_attributes: { tier: 'gold' } } });
    const visitor = await buildContact(db, { account, contact: { name: 'Visitor', email: 'v@example.com', custom_attributes: { tier: 'free', seen: 1 } } });
    const conversation = await buildConversation(db, { account, contact: visitor });
    const message = await buildMessage(db, { conversation });
    const result = await identify(account.id, visitor.id, { identifier: 'crm-1' });
    assert.equal(result.id, base.id);
    assert.deepEqual([result.name, result.email, result.custom_attributes], ['Base', 'v@example.com', { tier: 'gold', seen: 1 }]);
    assert.equal(await contactRow(visitor.id), undefined);
    const moved = await db.selectFrom('messages').select('sender_id').where('id', '=', message.id).executeTakeFirstOrThrow();
    assert.equal(moved.sender_id, base.id);
    const movedConversation = await db.selectFrom('conversations').select('contact_id').where('id', '=', conversation.id).executeTakeFirstOrThrow();
    assert.equal(movedConversation.contact_id, base.id);
  });

  it('does not merge into a contact carrying another identifier, and leaves that key out of the update', async () => {
    const account = await buildAccount(db);
    await buildContact(db, { account, contact: { identifier: 'other', email: 'taken@example.com' } });
    const me = await buildContact(db, { account, contact: { identifier: null, email: null, name: 'Me' } });
    const result = await identify(account.id, me.id, { identifier: 'mine', email: 'taken@example.com', name: 'Me Too' });
    assert.deepEqual([result.id, result.identifier, result.email, result.name], [me.id, 'mine', null, 'Me Too']);
  });

  it('merges by phone only when the phone contact has no other email', async () => {
    const account = await buildAccount(db);
    const phoneOwner = await buildContact(db, { account, contact: { phone_number: '+15550001111', email: 'owner@example.com' } });
    const me = await buildContact(db, { account, contact: { email: null, phone_number: null } });
    const kept = await identify(account.id, me.id, { phone_number: '+15550001111', email: 'me@example.com' });
    assert.deepEqual([kept.id, kept.email, kept.phone_number], [me.id, 'me@example.com', null]);
    const other = await buildContact(db, { account, contact: { email: null, phone_number: null } });
    const merged = await identify(account.id, other.id, { phone_number: '+15550001111' });
    assert.equal(merged.id, phoneOwner.id);
    assert.equal(await contactRow(other.id), undefined);
  });
});
