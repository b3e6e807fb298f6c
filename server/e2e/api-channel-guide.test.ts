import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import chatwootSdk from '@figuro/chatwoot-sdk';
import { buildTestApp } from '../test/harness.js';
import { buildPlatformApp } from '../test/factories.js';

/**
 * Chatwoot's "send messages to the API channel" guide, end to end over real HTTP:
 * once with plain fetch, once with a Chatwoot client library, both starting from a
 * Platform API token as a provisioning script would.
 */
describe('the API channel guide, over real HTTP', async () => {
  const t = await buildTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const platform = await buildPlatformApp(t.deps.db.kysely, t.deps.env);

  async function call(method: string, path: string, token: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { api_access_token: token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  }

  /** Platform API: an account and its administrator, whose token the rest uses. */
  async function provision(label: string): Promise<{ accountId: number; token: string }> {
    const account = await call('POST', '/platform/api/v1/accounts', platform.token, { name: `Guide ${label}` });
    assert.equal(account.status, 200, JSON.stringify(account.json));
    const user = await call('POST', '/platform/api/v1/users', platform.token, {
      name: `Admin ${label}`, email: `admin-${label}-${Date.now()}@guide.test`, password: 'Password1!',
    });
    assert.equal(user.status, 200, JSON.stringify(user.json));
    const membership = await call('POST', `/platform/api/v1/accounts/${account.json.id}/account_users`, platform.token, {
      user_id: user.json.id, role: 'administrator',
    });
    assert.equal(membership.status, 200, JSON.stringify(membership.json));
    assert.equal(typeof user.json.access_token, 'string');
    return { accountId: account.json.id, token: user.json.access_token };
  }

  it('works with plain HTTP calls', async () => {
    const { accountId, token } = await provision('http');
    const prefix = `/api/v1/accounts/${accountId}`;

    const inbox = await call('POST', `${prefix}/inboxes`, token, { name: 'Website API', channel: { type: 'api', webhook_url: '' } });
    assert.equal(inbox.status, 200, JSON.stringify(inbox.json));
    assert.equal(inbox.json.channel_type, 'Channel::Api');
    assert.equal(typeof inbox.json.inbox_identifier, 'string');

    const contact = await call('POST', `${prefix}/contacts`, token, { name: 'Jane Doe', email: 'jane@example.com', inbox_id: inbox.json.id });
    assert.equal(contact.status, 200, JSON.stringify(contact.json));
    const sourceId = contact.json.payload.contact.contact_inboxes[0].source_id;
    assert.match(sourceId, /^[0-9a-f-]{36}$/);
    assert.equal(contact.json.payload.contact.contact_inboxes[0].inbox.id, inbox.json.id);

    const conversation = await call('POST', `${prefix}/conversations`, token, { source_id: sourceId, inbox_id: inbox.json.id });
    assert.equal(conversation.status, 200, JSON.stringify(conversation.json));
    assert.equal(conversation.json.id, 1, 'the first conversation of the account is number 1');
    assert.equal(conversation.json.status, 'open');
    assert.equal(conversation.json.meta.sender.email, 'jane@example.com');

    const incoming = await call('POST', `${prefix}/conversations/1/messages`, token, { content: 'Hello, I need help', message_type: 'incoming' });
    assert.equal(incoming.status, 200, JSON.stringify(incoming.json));
    assert.equal(incoming.json.message_type, 0);
    assert.equal(incoming.json.sender.type, 'contact');
    const outgoing = await call('POST', `${prefix}/conversations/1/messages`, token, { content: 'Hi Jane, how can we help?', message_type: 'outgoing' });
    assert.equal(outgoing.status, 200, JSON.stringify(outgoing.json));
    assert.equal(outgoing.json.message_type, 1);
    assert.equal(outgoing.json.sender.type, 'user');

    const list = await call('GET', `${prefix}/conversations/1/messages`, token);
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.payload.map((m: { content: string }) => m.content), ['Hello, I need help', 'Hi Jane, how can we help?']);
    assert.equal(list.json.meta.contact.email, 'jane@example.com');

    const shown = await call('GET', `${prefix}/conversations/1`, token);
    assert.equal(shown.status, 200);
    assert.equal(shown.json.messages.length, 1);
    assert.equal(shown.json.messages[0].content, 'Hi Jane, how can we help?');
    assert.ok(shown.json.first_reply_created_at > 0, 'the outgoing reply counts as the first reply');
  });

  it('works with a Chatwoot client library', async () => {
    const { accountId, token } = await provision('sdk');
    const client = new chatwootSdk.default({ config: { basePath: base, with_credentials: false, credentials: 'omit', token } });

    const inbox = await client.inboxes.create({ accountId, data: { name: 'SDK inbox', channel: { type: 'api', webhook_url: '' } } as never }) as unknown as { id: number };
    const created = await client.contacts.create({ accountId, data: { name: 'Sam', email: 'sam@example.com', inbox_id: inbox.id } as never }) as unknown as {
      payload: { contact: { id: number; contact_inboxes: Array<{ source_id: string }> } };
    };
    const sourceId = created.payload.contact.contact_inboxes[0].source_id;
    const conversation = await client.conversations.create({ accountId, data: { source_id: sourceId, inbox_id: String(inbox.id) } as never }) as unknown as { id: number };
    assert.equal(conversation.id, 1);

    await client.messages.create({ accountId, conversationId: conversation.id, data: { content: 'From the SDK', message_type: 'incoming' } as never });
    await client.messages.create({ accountId, conversationId: conversation.id, data: { content: 'Reply from the SDK', message_type: 'outgoing', private: false } as never });
    const messages = await client.messages.list({ accountId, conversationId: conversation.id }) as unknown as { payload: Array<{ content: string; message_type: number }> };
    assert.deepEqual(messages.payload.map((m) => [m.content, m.message_type]), [['From the SDK', 0], ['Reply from the SDK', 1]]);

    const shown = await client.conversations.get({ accountId, conversationId: conversation.id }) as unknown as { id: number; inbox_id: number; status: string };
    assert.deepEqual([shown.id, shown.inbox_id, shown.status], [1, inbox.id, 'open']);
    const listed = await client.conversations.list({ accountId }) as unknown as { data: { meta: { all_count: number }; payload: Array<{ id: number }> } };
    assert.equal(listed.data.meta.all_count, 1);
    assert.deepEqual(listed.data.payload.map((c) => c.id), [1]);
  });
});
