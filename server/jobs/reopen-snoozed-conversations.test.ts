import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdmin, buildContact, buildConversation, buildInbox } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { reopenSnoozedConversationsHandler } from './reopen-snoozed-conversations.job.js';

describe('reopen-snoozed-conversations job', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  it('opens conversations whose snooze ended, with their status events, and leaves the others', async () => {
    const { account } = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account });
    const contact = await buildContact(db, { account });
    const now = Date.now();
    const due = await buildConversation(db, { account, inbox, contact, conversation: { status: 3, snoozed_until: now - 1000 } });
    const later = await buildConversation(db, { account, inbox, contact, conversation: { status: 3, snoozed_until: now + 3_600_000 } });
    const ancient = await buildConversation(db, { account, inbox, contact, conversation: { status: 3, snoozed_until: now - 10 * 86_400_000 } });
    await reopenSnoozedConversationsHandler(t.deps)({}, { id: '1', name: 'reopen-snoozed-conversations', attempt: 1, maxAttempts: 1 });
    const rows = await db.selectFrom('conversations').select(['id', 'status', 'snoozed_until']).where('id', 'in', [due.id, later.id, ancient.id]).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => [r.id, r.status, r.snoozed_until === null]), [[due.id, 0, true], [later.id, 3, false], [ancient.id, 3, false]]);
    await t.deps.dispatcher.drain();
    const changed = t.events.of(account.id, 'conversation.status_changed');
    assert.equal(changed.length, 1);
    assert.equal(changed[0].conversationId, due.id);
    assert.deepEqual(changed[0].changes, { status: ['snoozed', 'open'] });
    assert.deepEqual(changed[0].actor, { type: 'System', id: null });
  });

  it('is scheduled as a recurring job on the same interface', async () => {
    const { startRecurringJobs } = await import('./setup.js');
    await startRecurringJobs(t.deps.jobs);
    const rows = await db.selectFrom('jobs').select(['name', 'state', 'dedupe_key']).where('name', '=', 'reopen-snoozed-conversations').execute();
    assert.ok(rows.length >= 1);
    assert.equal(rows[0].dedupe_key, 'every:reopen-snoozed-conversations');
  });
});
