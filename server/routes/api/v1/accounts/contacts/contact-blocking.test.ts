import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdmin, buildContact, buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('blocking a contact', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  it("resolves a blocked contact's new conversations on creation; unblocking stops it", async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account });
    const contact = await buildContact(db, { account });
    const contactUrl = `/api/v1/accounts/${account.id}/contacts/${contact.id}`;
    const conversations = `/api/v1/accounts/${account.id}/conversations`;
    const blocked = await t.request('PATCH', contactUrl, { token, body: { blocked: true } });
    assert.equal(blocked.json().payload.blocked, true);
    const whileBlocked = await t.request('POST', conversations, { token, body: { contact_id: contact.id, inbox_id: inbox.id, status: 'open' } });
    assert.equal(whileBlocked.statusCode, 200);
    assert.equal(whileBlocked.json().status, 'resolved');
    await t.request('PATCH', contactUrl, { token, body: { blocked: false } });
    const afterUnblock = await t.request('POST', conversations, { token, body: { contact_id: contact.id, inbox_id: inbox.id } });
    assert.equal(afterUnblock.json().status, 'open');
    await t.settle();
    const updates = t.events.of(account.id, 'contact.updated').filter((e) => e.contactId === contact.id);
    assert.deepEqual(updates.map((e) => e.changes?.blocked), [[false, true], [true, false]]);
  });
});
