import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { addInboxMember, buildAdmin, buildAgent, buildConversation, buildInbox } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { FRAME_DEADLINE_MS, startCable } from './testing.js';

/** The parts of @rails/actioncable (no type declarations ship with it) this test uses. */
interface Mixin {
  connected?(): void;
  rejected?(): void;
  received?(data: { event: string; data: Record<string, unknown> }): void;
}
interface ActionCableModule {
  adapters: { WebSocket: unknown; logger: unknown };
  createConsumer(url: string): {
    subscriptions: { create(params: Record<string, unknown>, mixin: Mixin): { perform(action: string): void } };
    disconnect(): void;
  };
}

// The browser client listens for page visibility; Node has no such global events.
const g = globalThis as unknown as Record<string, unknown>;
g.addEventListener ??= () => undefined;
g.removeEventListener ??= () => undefined;
const ActionCable = createRequire(import.meta.url)('@rails/actioncable') as ActionCableModule;
ActionCable.adapters.WebSocket = WebSocket;

/** Subscribes through the official client and collects what `received` gets. */
function subscribe(url: string, params: Record<string, unknown>) {
  const consumer = ActionCable.createConsumer(url);
  after(() => consumer.disconnect());
  const received: Array<{ event: string; data: Record<string, unknown> }> = [];
  let notify = () => undefined as void;
  const state = { connected: false, rejected: false };
  consumer.subscriptions.create({ channel: 'RoomChannel', ...params }, {
    connected() { state.connected = true; notify(); },
    rejected() { state.rejected = true; notify(); },
    received(data) { received.push(data); notify(); },
  });
  const until = async (check: () => boolean): Promise<void> => {
    const deadline = Date.now() + FRAME_DEADLINE_MS;
    while (!check()) {
      assert.ok(Date.now() < deadline, `timed out; received ${JSON.stringify(received.map((r) => r.event))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        notify = () => { clearTimeout(timer); resolve(); };
      });
    }
  };
  return { received, state, until };
}

describe('@rails/actioncable client end to end', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const server = await startCable(t);

  it('connects, subscribes RoomChannel as an agent and receives message.created after an API POST', async () => {
    const admin = await buildAdmin(db, t.deps.env);
    const member = await buildAgent(db, t.deps.env, { account: admin.account });
    const { inbox } = await buildInbox(db, { account: admin.account });
    await addInboxMember(db, inbox.id, member.user.id);
    const conversation = await buildConversation(db, { account: admin.account, inbox });
    const agent = subscribe(server.url, { pubsub_token: member.user.pubsub_token, account_id: admin.account.id, user_id: member.user.id });
    const contactInbox = await db.selectFrom('contact_inboxes').selectAll().where('id', '=', conversation.contact_inbox_id!).executeTakeFirstOrThrow();
    const contact = subscribe(server.url, { pubsub_token: contactInbox.pubsub_token });
    await agent.until(() => agent.state.connected);
    await contact.until(() => contact.state.connected);
    await agent.until(() => agent.received.some((r) => r.event === 'presence.update'));

    const res = await t.request('POST', `/api/v1/accounts/${admin.account.id}/conversations/${conversation.display_id}/messages`, {
      token: admin.token, body: { content: 'Hi from the API', message_type: 'outgoing' },
    });
    assert.equal(res.statusCode, 200);
    const isIt = (r: { event: string; data: Record<string, unknown> }) => r.event === 'message.created' && r.data.id === res.json().id;
    await agent.until(() => agent.received.some(isIt));
    await contact.until(() => contact.received.some(isIt));
    const frame = agent.received.find(isIt)!;
    assert.equal(frame.data.content, 'Hi from the API');
    assert.equal(frame.data.conversation_id, conversation.display_id);
    assert.equal(frame.data.account_id, admin.account.id);
  });

  it('calls rejected for a token nobody holds', async () => {
    const stranger = subscribe(server.url, { pubsub_token: 'nobody-has-this' });
    await stranger.until(() => stranger.state.rejected);
    assert.equal(stranger.state.connected, false);
  });
});
