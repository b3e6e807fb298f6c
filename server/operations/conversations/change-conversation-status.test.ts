import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAccount, buildConversation } from '../../test/factories.js';
import { buildTestApp } from '../../test/harness.js';
import { changeConversationStatus, STATUS } from './change-conversation-status.js';

describe('changeConversationStatus', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  it('resolves: clears waiting_since and snoozed_until, records resolved, status_changed and updated', async () => {
    const account = await buildAccount(db);
    const conversation = await buildConversation(db, { account });
    const updated = await changeConversationStatus(t.ctx(account.id), conversation, STATUS.resolved);
    assert.equal(updated.status, STATUS.resolved);
    assert.equal(updated.waiting_since, null);
    await t.deps.dispatcher.drain();
    const names = t.events.of(account.id).map((e) => e.name);
    assert.deepEqual(names, ['conversation.resolved', 'conversation.status_changed', 'conversation.updated']);
    const changed = t.events.of(account.id, 'conversation.status_changed')[0];
    assert.deepEqual(changed?.changes, { status: ['open', 'resolved'] });
    assert.equal(changed?.conversationId, conversation.id);
    assert.deepEqual(t.events.of(account.id, 'conversation.updated')[0]?.changes?.status, ['open', 'resolved']);
  });

  it('snoozes with a time, and reopening clears it and records opened', async () => {
    const account = await buildAccount(db);
    const conversation = await buildConversation(db, { account });
    const until = Date.now() + 3_600_000;
    const snoozed = await changeConversationStatus(t.ctx(account.id), conversation, STATUS.snoozed, { snoozedUntil: until });
    assert.equal(snoozed.status, STATUS.snoozed);
    assert.equal(snoozed.snoozed_until, until);
    assert.notEqual(snoozed.waiting_since, null);
    const opened = await changeConversationStatus(t.ctx(account.id), snoozed, STATUS.open, { snoozedUntil: until });
    assert.equal(opened.snoozed_until, null);
    await t.deps.dispatcher.drain();
    assert.deepEqual(t.events.of(account.id).map((e) => e.name), [
      'conversation.status_changed', 'conversation.updated',
      'conversation.opened', 'conversation.status_changed', 'conversation.updated',
    ]);
  });

  it('does nothing when the status does not change', async () => {
    const account = await buildAccount(db);
    const conversation = await buildConversation(db, { account });
    const same = await changeConversationStatus(t.ctx(account.id), conversation, STATUS.open);
    assert.equal(same, conversation);
    await t.deps.dispatcher.drain();
    assert.deepEqual(t.events.of(account.id), []);
  });
});
