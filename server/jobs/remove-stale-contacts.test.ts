import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taggingRepository } from '../repositories/tagging.repository.js';
import { buildAccount, buildContact, buildConversation } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { STALE_CONTACT_AGE_MS, removeStaleContactsHandler } from './remove-stale-contacts.job.js';

describe('remove-stale-contacts job', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  it('deletes anonymous contacts without conversations older than 30 days, in every account, and keeps the rest', async () => {
    const account = await buildAccount(db);
    const other = await buildAccount(db);
    const old = Date.now() - STALE_CONTACT_AGE_MS - 60_000;
    const recent = Date.now() - STALE_CONTACT_AGE_MS + 3_600_000;
    const anonymous = { email: null, phone_number: null, identifier: null, created_at: old };
    const stale = await buildContact(db, { account, contact: { ...anonymous, name: 'stale' } });
    const blankKeys = await buildContact(db, { account: other, contact: { ...anonymous, email: '', identifier: '', name: 'blank keys' } });
    const young = await buildContact(db, { account, contact: { ...anonymous, created_at: recent } });
    const withEmail = await buildContact(db, { account, contact: { ...anonymous, email: 'kept@example.com' } });
    const withPhone = await buildContact(db, { account, contact: { ...anonymous, phone_number: '+15550001234' } });
    const withIdentifier = await buildContact(db, { account, contact: { ...anonymous, identifier: 'ext' } });
    const talking = await buildContact(db, { account, contact: anonymous });
    await buildConversation(db, { account, contact: talking });
    await taggingRepository.replace(db, account.id, 'Contact', stale.id, ['old']);
    await db.insertInto('notes').values({ account_id: account.id, contact_id: stale.id, user_id: null, content: 'n', created_at: 1, updated_at: 1 }).execute();

    await removeStaleContactsHandler(t.deps)({}, { id: '1', name: 'remove-stale-contacts', attempt: 1, maxAttempts: 1 });

    const left = await db.selectFrom('contacts').select('id').where('account_id', 'in', [account.id, other.id]).orderBy('id').execute();
    assert.deepEqual(left.map((r) => r.id), [young.id, withEmail.id, withPhone.id, withIdentifier.id, talking.id]);
    assert.equal(blankKeys.id > 0, true);
    assert.deepEqual(await taggingRepository.listTitles(db, account.id, 'Contact', stale.id), []);
    assert.equal((await db.selectFrom('notes').select('id').where('contact_id', '=', stale.id).execute()).length, 0);
    await t.settle();
    assert.deepEqual(t.events.of(account.id, 'contact.deleted').map((e) => e.contactId), [stale.id]);
    assert.deepEqual(t.events.of(other.id, 'contact.deleted').map((e) => e.contactId), [blankKeys.id]);
  });
});
