import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdmin, buildContact, buildContactInbox, buildInbox } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { signatureValid, startReceiver } from '../test/receiver.js';

describe('webhooks consumer: account webhooks and API-channel callbacks', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const receiver = await startReceiver();

  /** An account with an admin, an API inbox (callback at /api-<n>) and a contact in it. */
  async function desk(callbackPath: string | null = null) {
    const admin = await buildAdmin(db, t.deps.env);
    const { inbox, channel } = await buildInbox(db, { account: admin.account, channel: { webhook_url: callbackPath ? receiver.url(callbackPath) : null } });
    const contact = await buildContact(db, { account: admin.account, contact: { email: `c${inbox.id}@example.com` } });
    const contactInbox = await buildContactInbox(db, { contact, inbox });
    const api = (method: string, path: string, body?: unknown) =>
      t.request(method, `/api/v1/accounts/${admin.account.id}${path}`, { token: admin.token, body });
    return { ...admin, inbox, channel, contact, contactInbox, api };
  }

  async function subscribe(d: Awaited<ReturnType<typeof desk>>, path: string, subscriptions: string[]) {
    const res = await d.api('POST', '/webhooks', { webhook: { url: receiver.url(path), subscriptions, name: 'Hook' } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().payload.webhook as { id: number; secret: string };
  }

  it('sends subscribed events only, signed with the webhook secret, in Chatwoot shape', async () => {
    const d = await desk();
    const hook = await subscribe(d, '/acc-1', ['conversation_created', 'message_created']);
    const created = await d.api('POST', '/conversations', { inbox_id: d.inbox.id, contact_id: d.contact.id, source_id: d.contactInbox.source_id });
    assert.equal(created.statusCode, 200, created.body);
    const displayId = created.json().id as number;
    const message = await d.api('POST', `/conversations/${displayId}/messages`, { content: 'Hello\\\nthere\n\n', message_type: 'outgoing' });
    assert.equal(message.statusCode, 200, message.body);
    await d.api('POST', `/conversations/${displayId}/toggle_status`, { status: 'resolved' });
    await t.settle();

    const got = receiver.at('/acc-1');
    assert.deepEqual(got.map((r) => r.body.event), ['conversation_created', 'message_created']);
    for (const r of got) {
      assert.ok(signatureValid(r, hook.secret), 'signature verifies with the secret');
      assert.match(String(r.headers['x-chatwoot-delivery']), /^[0-9a-f-]{36}$/);
      assert.equal(r.headers['content-type'], 'application/json');
    }
    const conv = got[0].body;
    assert.deepEqual(Object.keys(conv), [
      'additional_attributes', 'can_reply', 'channel', 'contact_inbox', 'id', 'inbox_id', 'messages', 'labels', 'meta', 'status',
      'custom_attributes', 'snoozed_until', 'unread_count', 'first_reply_created_at', 'priority', 'waiting_since',
      'agent_last_seen_at', 'contact_last_seen_at', 'last_activity_at', 'timestamp', 'created_at', 'updated_at', 'account', 'event',
    ]);
    assert.equal(conv.id, displayId);
    assert.deepEqual(conv.account, { id: d.account.id, name: d.account.name });
    const msg = got[1].body;
    assert.deepEqual(Object.keys(msg), [
      'account', 'additional_attributes', 'content_attributes', 'content_type', 'content', 'conversation', 'created_at', 'id',
      'inbox', 'message_type', 'private', 'sender', 'source_id', 'event',
    ]);
    assert.equal(msg.message_type, 'outgoing');
    assert.equal(msg.content, 'Hello\nthere');
    assert.equal(msg.content_type, 'text');
    assert.match(String(msg.created_at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(msg.sender, { id: d.user.id, name: d.user.name, email: d.user.email, type: 'user' });
    assert.deepEqual(msg.inbox, { id: d.inbox.id, name: d.inbox.name });
    assert.equal((msg.conversation as { id: number }).id, displayId);
  });

  it('sends status changes with changed_attributes, and conversation_updated', async () => {
    const d = await desk();
    await subscribe(d, '/acc-2', ['conversation_status_changed', 'conversation_updated']);
    const created = await d.api('POST', '/conversations', { inbox_id: d.inbox.id, contact_id: d.contact.id, source_id: d.contactInbox.source_id });
    const displayId = created.json().id as number;
    await d.api('POST', `/conversations/${displayId}/toggle_status`, { status: 'resolved' });
    await t.settle();
    const changed = receiver.at('/acc-2', 'conversation_status_changed');
    assert.equal(changed.length, 1);
    assert.deepEqual(changed[0].body.changed_attributes, [{ status: { previous_value: 'open', current_value: 'resolved' } }]);
    assert.equal(changed[0].body.status, 'resolved');
    const updated = receiver.at('/acc-2', 'conversation_updated');
    assert.equal(updated.length, 1);
    const attributes = updated[0].body.changed_attributes as Array<Record<string, unknown>>;
    assert.deepEqual(attributes[0], { status: { previous_value: 'open', current_value: 'resolved' } });
    assert.ok(attributes.some((a) => 'updated_at' in a));
  });

  it('sends contact events to account webhooks only, skipping updates without changes', async () => {
    const d = await desk('/api-3');
    await subscribe(d, '/acc-3', ['contact_created', 'contact_updated']);
    const created = await d.api('POST', '/contacts', { name: 'Ann', email: 'ann3@example.com' });
    assert.equal(created.statusCode, 200, created.body);
    const id = created.json().payload.contact.id as number;
    await d.api('PUT', `/contacts/${id}`, { name: 'Ann B' });
    await t.settle();
    const got = receiver.at('/acc-3');
    assert.deepEqual(got.map((r) => r.body.event), ['contact_created', 'contact_updated']);
    assert.deepEqual(Object.keys(got[0].body), [
      'account', 'additional_attributes', 'avatar', 'custom_attributes', 'email', 'id', 'identifier', 'name', 'phone_number',
      'thumbnail', 'blocked', 'event',
    ]);
    assert.deepEqual((got[1].body.changed_attributes as Array<Record<string, unknown>>)[0], { name: { previous_value: 'Ann', current_value: 'Ann B' } });
    assert.equal(receiver.at('/api-3').length, 0);
  });

  it('sends every event of an API inbox to its webhook_url, signed with the channel secret', async () => {
    const d = await desk('/api-4');
    const created = await d.api('POST', '/conversations', { inbox_id: d.inbox.id, contact_id: d.contact.id, source_id: d.contactInbox.source_id });
    const displayId = created.json().id as number;
    await d.api('POST', `/conversations/${displayId}/messages`, { content: 'private note', private: true });
    await t.settle();
    const got = receiver.at('/api-4');
    assert.deepEqual(got.map((r) => r.body.event).filter((e) => e !== 'conversation_updated'), ['conversation_created', 'message_created']);
    const note = got.find((r) => r.body.event === 'message_created')!;
    assert.equal(note.body.private, true);
    assert.ok(got.every((r) => signatureValid(r, d.channel.secret)));
  });

  it('sends inbox_created and inbox_updated (with changed_attributes) to account webhooks', async () => {
    const d = await desk();
    await subscribe(d, '/acc-5', ['inbox_created', 'inbox_updated']);
    const created = await d.api('POST', '/inboxes', { name: 'Support API', channel: { type: 'api', webhook_url: '' } });
    assert.equal(created.statusCode, 200, created.body);
    const inboxId = created.json().id as number;
    assert.equal((await d.api('PATCH', `/inboxes/${inboxId}`, { name: 'Renamed API' })).statusCode, 200);
    await t.settle();
    const got = receiver.at('/acc-5');
    assert.deepEqual(got.map((r) => r.body.event), ['inbox_created', 'inbox_updated']);
    assert.deepEqual(Object.keys(got[0].body), [
      'allow_messages_after_resolved', 'lock_to_single_conversation', 'auto_assignment_config', 'enable_auto_assignment',
      'enable_email_collect', 'greeting_enabled', 'greeting_message', 'csat_survey_enabled', 'business_name', 'sender_name_type',
      'timezone', 'out_of_office_message', 'working_hours_enabled', 'working_hours', 'created_at', 'updated_at', 'channel', 'account', 'event',
    ]);
    assert.equal(got[0].body.sender_name_type, 'friendly');
    assert.equal((got[0].body.channel as { id: number }).id > 0, true);
    const changes = got[1].body.changed_attributes as Array<Record<string, unknown>>;
    assert.ok(changes.some((c) => 'name' in c));
  });

  it('a website inbox webhook carries its channel record and its stored working hours; a schedule change is an inbox_updated', async () => {
    const d = await desk();
    await subscribe(d, '/acc-6', ['inbox_created', 'inbox_updated']);
    const created = await d.api('POST', '/inboxes', { name: 'Site', channel: { type: 'web_widget', website_url: 'https://shop.example', reply_time: 'in_a_day' } });
    assert.equal(created.statusCode, 200, created.body);
    const inboxId = created.json().id as number;
    const patched = await d.api('PATCH', `/inboxes/${inboxId}`, { working_hours: [{ day_of_week: 2, open_hour: 7, open_minutes: 15, close_hour: 11, close_minutes: 45 }] });
    assert.equal(patched.statusCode, 200, patched.body);
    await t.settle();
    const got = receiver.at('/acc-6');
    assert.deepEqual(got.map((r) => r.body.event), ['inbox_created', 'inbox_updated']);
    const channel = got[0].body.channel as Record<string, unknown>;
    assert.deepEqual(Object.keys(channel), [
      'id', 'website_url', 'account_id', 'created_at', 'updated_at', 'website_token', 'widget_color', 'welcome_title', 'welcome_tagline',
      'feature_flags', 'reply_time', 'hmac_token', 'pre_chat_form_enabled', 'pre_chat_form_options', 'hmac_mandatory',
      'continuity_via_email', 'allowed_domains',
    ]);
    assert.equal(channel.reply_time, 'in_a_day');
    assert.equal(channel.website_token, created.json().website_token);
    const hours = got[1].body.working_hours as Array<Record<string, unknown>>;
    assert.equal(hours.length, 7);
    assert.deepEqual([hours[2].open_hour, hours[2].open_minutes, hours[2].close_hour, hours[2].close_minutes, hours[2].inbox_id], [7, 15, 11, 45, inboxId]);
    const changes = got[1].body.changed_attributes as Array<Record<string, unknown>>;
    assert.ok(changes.some((c) => 'working_hours' in c));
  });
});
