import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withTransaction } from '../context.js';
import type { ContactInboxRow, ConversationRow } from '../db/schema.js';
import { recordEvent, recordEvents } from '../events/outbox.js';
import { contactRepository } from '../repositories/contact.repository.js';
import { RawCableClient, startCable } from '../realtime/testing.js';
import { addInboxMember, buildAccount, buildAdmin, buildAgent, buildContact, buildConversation, buildInbox } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';

describe('realtime consumer: cable events and their audience', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const server = await startCable(t);

  async function contactInboxOf(conversation: ConversationRow): Promise<ContactInboxRow> {
    return db.selectFrom('contact_inboxes').selectAll().where('id', '=', conversation.contact_inbox_id!).executeTakeFirstOrThrow();
  }

  /** Subscribes a client; returns it with the token its barrier goes to. */
  async function listen(identifier: Record<string, unknown>): Promise<RawCableClient & { token: string }> {
    const client = await RawCableClient.connect(server.url);
    assert.equal(await client.subscribed(JSON.stringify({ channel: 'RoomChannel', ...identifier })), 'confirm_subscription');
    await client.event('presence.update');
    return Object.assign(client, { token: identifier.pubsub_token as string });
  }

  /** Everything sent to these clients before now has arrived once this resolves. */
  async function settle(...clients: Array<RawCableClient & { token: string }>): Promise<void> {
    for (const client of clients) {
      await client.through(await server.barrier(client.token));
    }
  }

  /** An account with an admin, an inbox member, a non-member agent, two contacts' conversations; and another account's admin. */
  async function world() {
    const admin = await buildAdmin(db, t.deps.env);
    const account = admin.account;
    const member = await buildAgent(db, t.deps.env, { account });
    const outsider = await buildAgent(db, t.deps.env, { account });
    const { inbox } = await buildInbox(db, { account });
    await addInboxMember(db, inbox.id, member.user.id);
    const conversation = await buildConversation(db, { account, inbox, contact: await buildContact(db, { account }) });
    const otherConversation = await buildConversation(db, { account, inbox, contact: await buildContact(db, { account }) });
    const stranger = await buildAdmin(db, t.deps.env);
    const agent = (u: { user: { pubsub_token: string; id: number } }, accountId = account.id) =>
      listen({ pubsub_token: u.user.pubsub_token, account_id: accountId, user_id: u.user.id });
    const clients = {
      admin: await agent(admin),
      member: await agent(member),
      outsider: await agent(outsider),
      contact: await listen({ pubsub_token: (await contactInboxOf(conversation)).pubsub_token }),
      otherContact: await listen({ pubsub_token: (await contactInboxOf(otherConversation)).pubsub_token }),
      stranger: await agent(stranger, stranger.account.id),
    };
    return { account, admin, member, inbox, conversation, clients };
  }

  it('sends message.created to the inbox agents and the contact only, with account_id, performer and sequence', async () => {
    const w = await world();
    const url = `/api/v1/accounts/${w.account.id}/conversations/${w.conversation.display_id}/messages`;
    const res = await t.request('POST', url, { token: w.member.token, body: { content: 'Hello there', message_type: 'outgoing' } });
    assert.equal(res.statusCode, 200);
    const { admin, member, outsider, contact, otherContact, stranger } = w.clients;
    const frame = await member.event('message.created', (d) => d.id === res.json().id);
    const data = frame.message!.data;
    const [event] = t.events.of(w.account.id, 'message.created').filter((e) => e.messageId === res.json().id);
    assert.equal(data.sequence, event.id);
    assert.equal(data.account_id, w.account.id);
    assert.equal(data.conversation_id, w.conversation.display_id);
    assert.equal(data.content, 'Hello there');
    assert.equal(data.message_type, 1);
    assert.deepEqual(Object.keys(data).slice(-3), ['sender', 'performer', 'sequence']);
    assert.deepEqual((data.performer as Record<string, unknown>).id, w.member.user.id);
    assert.equal((data.performer as Record<string, unknown>).type, 'user');
    await admin.event('message.created', (d) => d.id === res.json().id);
    const toContact = await contact.event('message.created', (d) => d.id === res.json().id);
    assert.deepEqual(toContact.message, frame.message);
    await admin.event('first.reply.created', (d) => d.id === res.json().id);
    await settle(outsider, otherContact, stranger, contact);
    for (const client of [outsider, otherContact, stranger]) {
      assert.deepEqual(client.events('message.created'), []);
    }
    assert.deepEqual(contact.events('first.reply.created'), []);
  });

  it('keeps private notes from the contact', async () => {
    const w = await world();
    const url = `/api/v1/accounts/${w.account.id}/conversations/${w.conversation.display_id}/messages`;
    const res = await t.request('POST', url, { token: w.admin.token, body: { content: 'internal', private: true } });
    assert.equal(res.statusCode, 200);
    const note = await w.clients.member.event('message.created', (d) => d.id === res.json().id);
    assert.equal(note.message!.data.private, true);
    await w.clients.admin.event('message.created', (d) => d.id === res.json().id);
    await settle(w.clients.contact, w.clients.outsider);
    assert.deepEqual(w.clients.contact.events('message.created'), []);
    assert.deepEqual(w.clients.outsider.events('message.created'), []);
  });

  it('sends status changes to agents and the contact with the current push payload, no performer', async () => {
    const w = await world();
    const url = `/api/v1/accounts/${w.account.id}/conversations/${w.conversation.display_id}/toggle_status`;
    const res = await t.request('POST', url, { token: w.admin.token, body: { status: 'resolved' } });
    assert.equal(res.statusCode, 200);
    for (const client of [w.clients.admin, w.clients.member, w.clients.contact]) {
      const frame = await client.event('conversation.status_changed', (d) => d.id === w.conversation.display_id);
      const data = frame.message!.data;
      assert.equal(data.status, 'resolved');
      assert.equal(data.account_id, w.account.id);
      assert.equal(data.inbox_id, w.inbox.id);
      assert.equal('performer' in data, false);
      assert.ok(Number.isInteger(data.sequence));
      assert.deepEqual(Object.keys(data).slice(0, 6), ['additional_attributes', 'can_reply', 'channel', 'contact_inbox', 'id', 'inbox_id']);
      await client.event('conversation.updated', (d) => d.id === w.conversation.display_id);
    }
    await settle(w.clients.outsider, w.clients.otherContact, w.clients.stranger);
    for (const client of [w.clients.outsider, w.clients.otherContact, w.clients.stranger]) {
      assert.deepEqual(client.events('conversation.status_changed'), []);
    }
  });

  it('sends assignee.changed to agents but not to the contact', async () => {
    const w = await world();
    const url = `/api/v1/accounts/${w.account.id}/conversations/${w.conversation.display_id}/assignments`;
    const res = await t.request('POST', url, { token: w.admin.token, body: { assignee_id: w.member.user.id } });
    assert.equal(res.statusCode, 200);
    const frame = await w.clients.member.event('assignee.changed', (d) => d.id === w.conversation.display_id);
    assert.equal(((frame.message!.data.meta as Record<string, unknown>).assignee as Record<string, unknown>).id, w.member.user.id);
    await w.clients.admin.event('assignee.changed');
    await settle(w.clients.contact, w.clients.outsider);
    assert.deepEqual(w.clients.contact.events('assignee.changed'), []);
    assert.deepEqual(w.clients.outsider.events('assignee.changed'), []);
  });

  it('sends contact events on the account stream: every agent of the account, no contact, no other account', async () => {
    const w = await world();
    const res = await t.request('PUT', `/api/v1/accounts/${w.account.id}/contacts/${w.conversation.contact_id}`, {
      token: w.admin.token, body: { name: 'Renamed Person' },
    });
    assert.equal(res.statusCode, 200);
    for (const client of [w.clients.admin, w.clients.member, w.clients.outsider]) {
      const frame = await client.event('contact.updated', (d) => d.id === w.conversation.contact_id);
      assert.equal(frame.message!.data.name, 'Renamed Person');
      assert.equal(frame.message!.data.type, 'contact');
      assert.equal(frame.message!.data.account_id, w.account.id);
    }
    await settle(w.clients.contact, w.clients.stranger);
    assert.deepEqual(w.clients.contact.events('contact.updated'), []);
    assert.deepEqual(w.clients.stranger.events('contact.updated'), []);
  });

  it('sends conversation.created to the inbox agents and the new conversation\'s contact', async () => {
    const w = await world();
    const contactInbox = await contactInboxOf(w.conversation);
    const res = await t.request('POST', `/api/v1/accounts/${w.account.id}/conversations`, {
      token: w.admin.token, body: { source_id: contactInbox.source_id, inbox_id: w.inbox.id },
    });
    assert.equal(res.statusCode, 200);
    const displayId = res.json().id;
    for (const client of [w.clients.admin, w.clients.member, w.clients.contact]) {
      const frame = await client.event('conversation.created', (d) => d.id === displayId);
      assert.equal(frame.message!.data.account_id, w.account.id);
      assert.equal((frame.message!.data.performer as Record<string, unknown>).id, w.admin.user.id);
    }
    await settle(w.clients.outsider, w.clients.otherContact);
    assert.deepEqual(w.clients.outsider.events('conversation.created'), []);
    assert.deepEqual(w.clients.otherContact.events('conversation.created'), []);
  });

  it('sends typing to the agents and the contact, but not back to the typer', async () => {
    const w = await world();
    await withTransaction(t.deps, (tx) => recordEvent(tx, {
      name: 'conversation.typing_on', accountId: w.account.id, actor: { type: 'User', id: w.member.user.id },
      conversationId: w.conversation.id, inboxId: w.inbox.id, data: { is_private: false },
    }));
    for (const client of [w.clients.admin, w.clients.contact]) {
      const frame = await client.event('conversation.typing_on');
      const data = frame.message!.data;
      assert.deepEqual(Object.keys(data), ['conversation', 'user', 'is_private', 'account_id', 'performer', 'sequence']);
      assert.equal((data.conversation as Record<string, unknown>).id, w.conversation.display_id);
      assert.equal((data.user as Record<string, unknown>).id, w.member.user.id);
      assert.equal(data.is_private, false);
    }
    await settle(w.clients.member, w.clients.outsider);
    assert.deepEqual(w.clients.member.events('conversation.typing_on'), []);
    assert.deepEqual(w.clients.outsider.events('conversation.typing_on'), []);
  });

  it('builds the contact frames of a batch from one load: current data, nothing for a contact gone or of another account', async () => {
    const w = await world();
    const first = await buildContact(db, { account: w.account, contact: { name: 'Batch One' } });
    const second = await buildContact(db, { account: w.account, contact: { name: 'Batch Two' } });
    const gone = await buildContact(db, { account: w.account, contact: { name: 'Gone Before Dispatch' } });
    const foreign = await buildContact(db, { account: await buildAccount(db), contact: { name: 'Not Yours' } });
    await withTransaction(t.deps, async (tx) => {
      await recordEvents(tx, [first, foreign, gone, second].map((contact) => ({
        name: 'contact.created' as const, accountId: w.account.id, actor: null, contactId: contact.id,
      })));
      await contactRepository.update(tx, w.account.id, first.id, { name: 'Batch One Renamed' });
      await contactRepository.removeMany(tx, w.account.id, [gone.id]);
    });
    const frame = await w.clients.admin.event('contact.created', (d) => d.id === second.id);
    assert.equal(frame.message!.data.name, 'Batch Two');
    await settle(w.clients.admin, w.clients.stranger);
    const sent = w.clients.admin.events('contact.created').filter((m) => [first, second, gone, foreign].some((c) => c.id === m.data.id));
    assert.deepEqual(sent.map((m) => [m.data.id, m.data.name, m.data.account_id]), [
      [first.id, 'Batch One Renamed', w.account.id], [second.id, 'Batch Two', w.account.id],
    ]);
    assert.deepEqual(w.clients.stranger.events('contact.created'), []);
  });

  it('builds no frame for an account no socket listens to, and frames it again once one subscribes', async () => {
    const w = await world();
    const quiet = await buildAdmin(db, t.deps.env);
    const quietContact = await buildContact(db, { account: quiet.account, contact: { name: 'Nobody Watching' } });
    const heard = await buildContact(db, { account: w.account, contact: { name: 'Somebody Watching' } });
    const bus = server.bus;
    assert.equal(bus.mayReach(quiet.account.id), false);
    assert.equal(bus.mayReach(w.account.id), true);
    const published: Array<Record<string, unknown>> = [];
    const publishAll = bus.publishAll.bind(bus);
    bus.publishAll = async (messages) => {
      messages.forEach((m) => published.push(m.kind === 'broadcast' ? m.data : {}));
      return publishAll(messages);
    };
    try {
      const record = (contactId: number, accountId: number) => withTransaction(t.deps, (tx) =>
        recordEvent(tx, { name: 'contact.created', accountId, actor: null, contactId }));
      await record(quietContact.id, quiet.account.id);
      await record(heard.id, w.account.id);
      await w.clients.admin.event('contact.created', (d) => d.id === heard.id);
      await t.deps.dispatcher.drain();
      assert.deepEqual(published.filter((d) => d.account_id === quiet.account.id), []);
      assert.ok(published.some((d) => d.id === heard.id));

      const listener = await listen({ pubsub_token: quiet.user.pubsub_token, account_id: quiet.account.id, user_id: quiet.user.id });
      assert.equal(bus.mayReach(quiet.account.id), true);
      await record(quietContact.id, quiet.account.id);
      const frame = await listener.event('contact.created', (d) => d.id === quietContact.id);
      assert.equal(frame.message!.data.name, 'Nobody Watching');
      listener.socket.close();
      for (let i = 0; i < 200 && bus.mayReach(quiet.account.id); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(bus.mayReach(quiet.account.id), false);
    } finally {
      bus.publishAll = publishAll;
    }
  });

  it('sends contact.deleted with the deleted contact\'s push data to the account stream', async () => {
    const w = await world();
    const doomed = await buildContact(db, { account: w.account, contact: { name: 'Gone Soon' } });
    const res = await t.request('DELETE', `/api/v1/accounts/${w.account.id}/contacts/${doomed.id}`, { token: w.admin.token });
    assert.equal(res.statusCode, 200);
    const frame = await w.clients.outsider.event('contact.deleted', (d) => d.id === doomed.id);
    const data = frame.message!.data;
    assert.deepEqual(Object.keys(data), [
      'additional_attributes', 'custom_attributes', 'email', 'id', 'identifier', 'name', 'phone_number', 'thumbnail', 'blocked', 'type',
      'account_id', 'performer', 'sequence',
    ]);
    assert.equal(data.name, 'Gone Soon');
    await settle(w.clients.stranger);
    assert.deepEqual(w.clients.stranger.events('contact.deleted'), []);
  });
});
