import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConversationViews } from '../finders/conversation-views.finder.js';
import { buildAdmin, buildAgent, buildContact, buildConversation, buildInbox, buildMessage } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { presentConversationPush } from './conversation-push.presenter.js';

describe('presentConversationPush', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  it('renders the websocket/webhook shape with the latest chat message and the raw contact inbox', async () => {
    const admin = await buildAdmin(db, t.deps.env);
    const account = admin.account;
    const agent = await buildAgent(db, t.deps.env, { account });
    const { inbox } = await buildInbox(db, { account });
    const contact = await buildContact(db, { account });
    const conversation = await buildConversation(db, {
      account, inbox, contact, conversation: { assignee_id: agent.user.id, priority: 2, first_reply_created_at: 1_700_000_000_000, cached_label_list: 'a, b' },
    });
    const chat = await buildMessage(db, { conversation, message: { content: 'hello' } });
    await buildMessage(db, { conversation, message: { private: true, message_type: 1, sender_type: 'User', sender_id: agent.user.id } });
    await buildMessage(db, { conversation, message: { message_type: 2, sender_type: null, sender_id: null } });
    const [view] = await loadConversationViews(db, { type: 'User', id: admin.user.id, user: admin.user, membership: null }, account.id, [conversation], { push: true });
    const push = presentConversationPush(view!);
    assert.deepEqual(Object.keys(push), [
      'additional_attributes', 'can_reply', 'channel', 'contact_inbox', 'id', 'inbox_id', 'messages', 'labels', 'meta', 'status',
      'custom_attributes', 'snoozed_until', 'unread_count', 'first_reply_created_at', 'priority', 'waiting_since', 'agent_last_seen_at',
      'contact_last_seen_at', 'last_activity_at', 'timestamp', 'created_at', 'updated_at',
    ]);
    const ci = await db.selectFrom('contact_inboxes').selectAll().where('id', '=', conversation.contact_inbox_id as number).executeTakeFirstOrThrow();
    assert.deepEqual(push.contact_inbox, {
      id: ci.id, contact_id: contact.id, inbox_id: inbox.id, source_id: ci.source_id, created_at: new Date(ci.created_at).toISOString(),
      updated_at: new Date(ci.updated_at).toISOString(), hmac_verified: false, pubsub_token: ci.pubsub_token,
    });
    assert.equal(push.id, conversation.display_id);
    assert.deepEqual(push.messages.map((m) => m.id), [chat.id]);
    assert.deepEqual(push.labels, ['a', 'b']);
    assert.equal(push.meta.sender.type, 'contact');
    assert.equal(push.meta.assignee && 'type' in push.meta.assignee ? push.meta.assignee.type : null, 'user');
    assert.equal(push.meta.assignee_type, 'User');
    assert.equal(push.meta.team, null);
    assert.equal(push.priority, 'high');
    assert.equal(push.first_reply_created_at, '2023-11-14T22:13:20.000Z');
    assert.equal(push.unread_count, 1);
    assert.equal(push.updated_at, conversation.updated_at / 1000);
  });
});
