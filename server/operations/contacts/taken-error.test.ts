import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpError } from '../../lib/errors.js';
import { contactInboxRepository } from '../../repositories/contact-inbox.repository.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { labelRepository } from '../../repositories/label.repository.js';
import { buildAccount, buildContact, buildContactInbox, buildInbox } from '../../test/factories.js';
import { buildTestApp } from '../../test/harness.js';
import { rethrowTaken } from './taken-error.js';

/** What the unique indexes answer when two writers pass the pre-insert check at once. */
describe('rethrowTaken', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  async function violation(write: () => Promise<unknown>): Promise<unknown> {
    try {
      await write();
    } catch (error) {
      return error;
    }
    assert.fail('expected a unique violation');
  }

  async function fieldOf(error: unknown, fields: string[]): Promise<unknown> {
    try {
      rethrowTaken(error, fields);
    } catch (mapped) {
      return mapped instanceof HttpError ? [mapped.statusCode, mapped.body] : mapped;
    }
    return undefined;
  }

  it('names the contact column whose unique index collided', async () => {
    const account = await buildAccount(db);
    const held = await buildContact(db, { account, contact: { email: 'held@example.com', phone_number: '+15551230000', identifier: 'ext-9' } });
    const base = { account_id: account.id, name: '', middle_name: '', last_name: '', additional_attributes: {}, custom_attributes: {}, last_activity_at: null, contact_type: 0, location: '', country_code: '', blocked: false, avatar_url: null };
    const fields = ['email', 'identifier', 'phone_number'];
    for (const [column, value] of [['email', held.email], ['identifier', held.identifier], ['phone_number', held.phone_number]] as const) {
      const error = await violation(() => contactRepository.insert(db, { ...base, email: null, phone_number: null, identifier: null, [column]: value }));
      const human = { email: 'Email', identifier: 'Identifier', phone_number: 'Phone number' }[column];
      assert.deepEqual(await fieldOf(error, fields), [422, { message: `${human} has already been taken`, attributes: [column] }]);
    }
  });

  it('names source_id and title, and rethrows anything else untouched', async () => {
    const account = await buildAccount(db);
    const { inbox } = await buildInbox(db, { account });
    const contact = await buildContact(db, { account });
    await buildContactInbox(db, { contact, inbox, sourceId: 'same' });
    const source = await violation(() => contactInboxRepository.insert(db, { contact_id: contact.id, inbox_id: inbox.id, source_id: 'same', hmac_verified: false, pubsub_token: `p-${Date.now()}` }));
    assert.deepEqual(await fieldOf(source, ['source_id']), [422, { message: 'Source has already been taken', attributes: ['source_id'] }]);
    await labelRepository.insert(db, { account_id: account.id, title: 'dup', description: null, color: '#1f93ff', show_on_sidebar: false });
    const title = await violation(() => labelRepository.insert(db, { account_id: account.id, title: 'dup', description: null, color: '#1f93ff', show_on_sidebar: false }));
    assert.deepEqual(await fieldOf(title, ['title']), [422, { message: 'Title has already been taken', attributes: ['title'] }]);
    const other = new Error('boom');
    assert.equal(await fieldOf(other, ['title']), other);
  });
});
