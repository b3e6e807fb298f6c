import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pubsubRepository } from '../repositories/pubsub.repository.js';
import { addInboxMember, buildAdmin, buildAgent, buildConversation, buildInbox } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { RawCableClient, startCable } from './testing.js';

describe('/cable resume: last_sequence replays what the subscriber missed', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const server = await startCable(t);

  async function latest(): Promise<number> {
    return (await pubsubRepository.retainedRange(db))?.max ?? 0;
  }

  async function world() {
    const admin = await buildAdmin(db, t.deps.env);
    const member = await buildAgent(db, t.deps.env, { account: admin.account });
    const { inbox } = await buildInbox(db, { account: admin.account });
    await addInboxMember(db, inbox.id, member.user.id);
    const conversation = await buildConversation(db, { account: admin.account, inbox });
    const contactInbox = await db.selectFrom('contact_inboxes').selectAll().where('id', '=', conversation.contact_inbox_id!).executeTakeFirstOrThrow();
    const post = async (body: Record<string, unknown>) => {
      const res = await t.request('POST', `/api/v1/accounts/${admin.account.id}/conversations/${conversation.display_id}/messages`, { token: member.token, body });
      assert.equal(res.statusCode, 200);
      return res.json().id as number;
    };
    return { account: admin.account, member, contactInbox, post };
  }

  it('replays the missed frames in order after confirming, before presence, then goes live', async () => {
    const w = await world();
    await w.post({ content: 'seen', message_type: 'outgoing' });
    await t.deps.dispatcher.drain();
    const seen = await latest();
    const missed = [await w.post({ content: 'missed 1', message_type: 'outgoing' }), await w.post({ content: 'missed 2', message_type: 'outgoing' })];
    await t.deps.dispatcher.drain();
    const client = await RawCableClient.connect(server.url);
    const identifier = JSON.stringify({
      channel: 'RoomChannel', pubsub_token: w.member.user.pubsub_token, account_id: w.account.id, user_id: w.member.user.id, last_sequence: String(seen),
    });
    assert.equal(await client.subscribed(identifier), 'confirm_subscription');
    await client.event('presence.update');
    const replayed = client.events('message.created');
    assert.deepEqual(replayed.map((m) => m.data.id), missed);
    const sequences = replayed.map((m) => m.data.sequence as number);
    assert.ok(sequences.every((s) => s > seen));
    assert.deepEqual(sequences, [...sequences].sort((a, b) => a - b));
    const order = client.frames.map((f) => f.type ?? f.message?.event);
    assert.ok(order.indexOf('confirm_subscription') < order.indexOf('message.created'));
    assert.ok(order.lastIndexOf('message.created') < order.indexOf('presence.update'));
    const live = await w.post({ content: 'live', message_type: 'outgoing' });
    await client.event('message.created', (d) => d.id === live);
    assert.deepEqual(client.events('message.created').map((m) => m.data.id), [...missed, live]);
  });

  it('replays to a contact only what the contact may see (no private notes)', async () => {
    const w = await world();
    const seen = await latest();
    const note = await w.post({ content: 'internal', private: true });
    const reply = await w.post({ content: 'public', message_type: 'outgoing' });
    await t.deps.dispatcher.drain();
    const client = await RawCableClient.connect(server.url);
    const identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: w.contactInbox.pubsub_token, last_sequence: seen });
    assert.equal(await client.subscribed(identifier), 'confirm_subscription');
    await client.event('presence.update');
    const ids = client.events('message.created').map((m) => m.data.id);
    assert.deepEqual(ids, [reply]);
    assert.ok(!ids.includes(note));
  });

  it('sends resync_required when the sequence cannot be replayed', async () => {
    const w = await world();
    const client = await RawCableClient.connect(server.url);
    const last = (await latest()) + 1000;
    const identifier = JSON.stringify({
      channel: 'RoomChannel', pubsub_token: w.member.user.pubsub_token, account_id: w.account.id, user_id: w.member.user.id, last_sequence: last,
    });
    assert.equal(await client.subscribed(identifier), 'confirm_subscription');
    const frame = await client.event('resync_required');
    assert.deepEqual(frame, { identifier, message: { event: 'resync_required', data: { account_id: w.account.id, last_sequence: last } } });
  });

  it('also replays an event numbered below last_sequence that was delivered after it (a later commit)', async () => {
    const w = await world();
    const early = await w.post({ content: 'committed late', message_type: 'outgoing' });
    const later = await w.post({ content: 'committed first', message_type: 'outgoing' });
    await t.deps.dispatcher.drain();
    const [lateEvent, seenEvent] = t.events.of(w.account.id, 'message.created').filter((e) => e.messageId === early || e.messageId === later);
    const seenRow = await db.selectFrom('events').select('dispatched_at').where('id', '=', seenEvent.id).executeTakeFirstOrThrow();
    await db.updateTable('events').set({ dispatched_at: seenRow.dispatched_at! + 1000 }).where('id', '=', lateEvent.id).execute();
    const client = await RawCableClient.connect(server.url);
    const identifier = JSON.stringify({
      channel: 'RoomChannel', pubsub_token: w.member.user.pubsub_token, account_id: w.account.id, user_id: w.member.user.id, last_sequence: seenEvent.id,
    });
    assert.equal(await client.subscribed(identifier), 'confirm_subscription');
    await client.event('presence.update');
    assert.deepEqual(client.events('message.created').map((m) => m.data.id), [early]);
  });
});
