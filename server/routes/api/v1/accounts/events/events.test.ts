import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pruneOutbox } from '../../../../../realtime/replay.js';
import { pubsubRepository } from '../../../../../repositories/pubsub.repository.js';
import { addInboxMember, buildAdmin, buildAgent, buildAgentBot, buildConversation, buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('GET /api/v1/accounts/:account_id/events (resumable change feed)', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  async function latest(): Promise<number> {
    return (await pubsubRepository.retainedRange(db))?.max ?? 0;
  }

  async function world() {
    const admin = await buildAdmin(db, t.deps.env);
    const member = await buildAgent(db, t.deps.env, { account: admin.account });
    const outsider = await buildAgent(db, t.deps.env, { account: admin.account });
    const { inbox } = await buildInbox(db, { account: admin.account });
    await addInboxMember(db, inbox.id, member.user.id);
    const conversation = await buildConversation(db, { account: admin.account, inbox });
    return { account: admin.account, admin, member, outsider, conversation };
  }

  it('answers 401 without a token, with a wrong token, for a non-member and for an agent bot', async () => {
    const { account } = await world();
    const url = `/api/v1/accounts/${account.id}/events`;
    assert.equal((await t.request('GET', url)).statusCode, 401);
    assert.equal((await t.request('GET', url, { token: 'wrong' })).statusCode, 401);
    const stranger = await buildAdmin(db, t.deps.env);
    assert.equal((await t.request('GET', url, { token: stranger.token })).statusCode, 401);
    const bot = await buildAgentBot(db, t.deps.env, { account });
    assert.equal((await t.request('GET', url, { token: bot.token })).statusCode, 401);
  });

  it('answers 404 for an account that does not exist and 422 naming a bad after', async () => {
    const { account, admin } = await world();
    const missing = await t.request('GET', '/api/v1/accounts/2147483000/events', { token: admin.token });
    assert.equal(missing.statusCode, 404);
    const bad = await t.request('GET', `/api/v1/accounts/${account.id}/events?after=-1`, { token: admin.token });
    assert.equal(bad.statusCode, 422);
    assert.match(JSON.stringify(bad.json()), /after/);
  });

  it('returns, in order, the frames the caller may see after the given sequence', async () => {
    const w = await world();
    const before = await latest();
    const url = `/api/v1/accounts/${w.account.id}/conversations/${w.conversation.display_id}/messages`;
    const first = await t.request('POST', url, { token: w.member.token, body: { content: 'one', message_type: 'outgoing' } });
    const note = await t.request('POST', url, { token: w.member.token, body: { content: 'two', private: true } });
    assert.equal(first.statusCode, 200);
    assert.equal(note.statusCode, 200);
    await t.deps.dispatcher.drain();
    const res = await t.request('GET', `/api/v1/accounts/${w.account.id}/events?after=${before}`, { token: w.member.token });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(Object.keys(body), ['payload', 'meta']);
    assert.deepEqual(body.meta, { resync_required: false, latest_sequence: await latest() });
    const created = body.payload.filter((item: { event: string }) => item.event === 'message.created');
    assert.deepEqual(created.map((item: { data: { id: number } }) => item.data.id), [first.json().id, note.json().id]);
    const ids = t.events.of(w.account.id, 'message.created').filter((e) => e.id > before).map((e) => e.id);
    assert.deepEqual(created.map((item: { sequence: number }) => item.sequence), ids);
    for (const item of body.payload) {
      assert.deepEqual(Object.keys(item), ['sequence', 'event', 'data']);
      assert.equal(item.data.sequence, item.sequence);
      assert.equal(item.data.account_id, w.account.id);
    }
    const sequences = body.payload.map((item: { sequence: number }) => item.sequence);
    assert.deepEqual(sequences, [...sequences].sort((a, b) => a - b));
    const outsider = await t.request('GET', `/api/v1/accounts/${w.account.id}/events?after=${before}`, { token: w.outsider.token });
    assert.deepEqual(outsider.json().payload.filter((item: { event: string }) => item.event.startsWith('message.')), []);
  });

  it('asks for a resync when the sequence is beyond the newest event', async () => {
    const { account, admin } = await world();
    const res = await t.request('GET', `/api/v1/accounts/${account.id}/events?after=${(await latest()) + 1000}`, { token: admin.token });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().payload, []);
    assert.equal(res.json().meta.resync_required, true);
  });

  it('asks for a resync once the outbox rows after that sequence were pruned', async () => {
    const w = await world();
    const before = await latest();
    const url = `/api/v1/accounts/${w.account.id}/conversations/${w.conversation.display_id}/messages`;
    await t.request('POST', url, { token: w.member.token, body: { content: 'a', message_type: 'outgoing' } });
    await t.request('POST', url, { token: w.member.token, body: { content: 'b', message_type: 'outgoing' } });
    await t.deps.dispatcher.drain();
    const removed = await pruneOutbox(db, 0, Date.now() + 1);
    assert.ok(removed > 0);
    assert.ok((await latest()) > before, 'the newest row stays as the watermark');
    const res = await t.request('GET', `/api/v1/accounts/${w.account.id}/events?after=${before}`, { token: w.admin.token });
    assert.deepEqual(res.json(), { payload: [], meta: { resync_required: true, latest_sequence: await latest() } });
    const current = await t.request('GET', `/api/v1/accounts/${w.account.id}/events?after=${await latest()}`, { token: w.admin.token });
    assert.deepEqual(current.json(), { payload: [], meta: { resync_required: false, latest_sequence: await latest() } });
  });
});
