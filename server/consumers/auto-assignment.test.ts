import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccountRow, InboxRow } from '../db/schema.js';
import { ASSIGN_WAITING_CONVERSATIONS, autoAssignOne, queueAssignmentWhenOnline } from '../jobs/assign-waiting-conversations.job.js';
import { RawCableClient, startCable } from '../realtime/testing.js';
import { addInboxMember, buildAdmin, buildAgent, buildContact, buildContactInbox, buildConversation, buildInbox, type BuiltUser } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';

const BUSY = 2;

describe('auto-assignment', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  /** An account with an auto-assigning inbox and `count` member agents, all connected unless said otherwise. */
  async function setup(count: number, inbox: Partial<InboxRow> = {}) {
    const admin = await buildAdmin(db, t.deps.env);
    const account = admin.account;
    const built = await buildInbox(db, { account, inbox: { enable_auto_assignment: true, ...inbox } });
    const agents: BuiltUser[] = [];
    for (let i = 0; i < count; i++) {
      const agent = await buildAgent(db, t.deps.env, { account });
      await addInboxMember(db, built.inbox.id, agent.user.id);
      await t.deps.presence.touch(account.id, 'User', agent.user.id);
      agents.push(agent);
    }
    const contact = await buildContact(db, { account });
    const contactInbox = await buildContactInbox(db, { contact, inbox: built.inbox });
    const create = async (extra: Record<string, unknown> = {}) => {
      const res = await t.request('POST', `/api/v1/accounts/${account.id}/conversations`, {
        token: admin.token, body: { inbox_id: built.inbox.id, contact_id: contact.id, source_id: contactInbox.source_id, ...extra },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { id: number };
    };
    return { admin, account, inbox: built.inbox, agents, create };
  }

  async function assigneeCounts(account: AccountRow): Promise<Map<number | null, number>> {
    const rows = await db.selectFrom('conversations').select('assignee_id').where('account_id', '=', account.id).execute();
    const counts = new Map<number | null, number>();
    rows.forEach((r) => counts.set(r.assignee_id, (counts.get(r.assignee_id) ?? 0) + 1));
    return counts;
  }

  const setBusy = (account: AccountRow, userId: number) =>
    db.updateTable('account_users').set({ availability: BUSY }).where('account_id', '=', account.id).where('user_id', '=', userId).execute();

  it('spreads 100 new conversations round-robin over 3 online agents, skipping busy and offline ones', async () => {
    const { account, agents, create } = await setup(4);
    const [a, b, c, busy] = agents;
    await setBusy(account, busy.user.id);
    const offline = await buildAgent(db, t.deps.env, { account });
    const inboxId = (await db.selectFrom('inboxes').select('id').where('account_id', '=', account.id).executeTakeFirstOrThrow()).id;
    await addInboxMember(db, inboxId, offline.user.id);
    const before = t.events.received.length;
    for (let i = 0; i < 100; i++) {
      // Connected dashboards send a heartbeat every few seconds; a slow machine must not let presence lapse.
      for (const agent of agents) {
        await t.deps.presence.touch(account.id, 'User', agent.user.id);
      }
      await create();
      await t.settle();
    }
    const counts = await assigneeCounts(account);
    const got = [a, b, c].map((x) => counts.get(x.user.id) ?? 0);
    assert.equal(got.reduce((s, n) => s + n, 0), 100);
    for (const n of got) {
      assert.ok(n === 33 || n === 34, `uneven: ${got.join(', ')}`);
    }
    assert.equal(counts.get(busy.user.id), undefined);
    assert.equal(counts.get(offline.user.id), undefined);
    assert.equal(counts.get(null), undefined);
    const emitted = t.events.received.slice(before).filter((e) => e.accountId === account.id);
    const assigned = emitted.filter((e) => e.name === 'assignee.changed');
    assert.equal(assigned.length, 100);
    assert.deepEqual(assigned[0].actor, { type: 'System', id: null });
    assert.ok(emitted.filter((e) => e.name === 'conversation.updated' && e.changes?.assignee_id).length === 100);
  });

  it('respects max_assignment_limit and leaves the rest unassigned', async () => {
    const { account, agents, create } = await setup(2, { auto_assignment_config: { max_assignment_limit: 2 } });
    for (let i = 0; i < 6; i++) {
      await create();
    }
    await t.settle();
    const counts = await assigneeCounts(account);
    assert.equal(counts.get(agents[0].user.id), 2);
    assert.equal(counts.get(agents[1].user.id), 2);
    assert.equal(counts.get(null), 2);
  });

  it('never double-assigns or passes the limit when many conversations are assigned at once', async () => {
    const { account, inbox, agents } = await setup(3, { auto_assignment_config: { max_assignment_limit: '4' } });
    const conversations = [];
    for (let i = 0; i < 20; i++) {
      conversations.push(await buildConversation(db, { account, inbox }));
    }
    const results = await Promise.all(conversations.map((c) => autoAssignOne(t.deps, account.id, c.id)));
    await t.settle();
    assert.equal(results.filter(Boolean).length, 12);
    const counts = await assigneeCounts(account);
    assert.deepEqual(agents.map((x) => counts.get(x.user.id)), [4, 4, 4]);
    assert.equal(counts.get(null), 8);
    // A second round changes nothing: every conversation that has an assignee keeps it.
    const again = await Promise.all(conversations.map((c) => autoAssignOne(t.deps, account.id, c.id)));
    assert.equal(again.filter(Boolean).length, 0);
  });

  it('stays fair under concurrency without a limit', async () => {
    const { account, inbox, agents } = await setup(3);
    const conversations = [];
    for (let i = 0; i < 30; i++) {
      conversations.push(await buildConversation(db, { account, inbox }));
    }
    await Promise.all(conversations.map((c) => autoAssignOne(t.deps, account.id, c.id)));
    const counts = await assigneeCounts(account);
    assert.deepEqual(agents.map((x) => counts.get(x.user.id)), [10, 10, 10]);
  });

  it('assigns within the conversation\'s team when it auto-assigns, and not at all when it does not', async () => {
    const { admin, account, agents, create } = await setup(3);
    const team = await t.request('POST', `/api/v1/accounts/${account.id}/teams`, { token: admin.token, body: { name: 'tier2' } });
    const teamId = team.json().id as number;
    await t.request('POST', `/api/v1/accounts/${account.id}/teams/${teamId}/team_members`, { token: admin.token, body: { user_ids: [agents[2].user.id] } });
    const first = await create({ team_id: teamId });
    const second = await create({ team_id: teamId });
    await t.settle();
    const rows = await db.selectFrom('conversations').select(['display_id', 'assignee_id']).where('account_id', '=', account.id).execute();
    const byDisplay = new Map(rows.map((r) => [r.display_id, r.assignee_id]));
    assert.equal(byDisplay.get(first.id), agents[2].user.id);
    assert.equal(byDisplay.get(second.id), agents[2].user.id);
    await t.request('PATCH', `/api/v1/accounts/${account.id}/teams/${teamId}`, { token: admin.token, body: { allow_auto_assign: false } });
    const third = await create({ team_id: teamId });
    await t.settle();
    const row = await db.selectFrom('conversations').select('assignee_id').where('account_id', '=', account.id).where('display_id', '=', third.id).executeTakeFirstOrThrow();
    assert.equal(row.assignee_id, null);
  });

  it('runs again for waiting conversations when an agent sets themselves online', async () => {
    const { account, agents, create } = await setup(1);
    const [agent] = agents;
    await setBusy(account, agent.user.id);
    await create();
    await create();
    await t.settle();
    assert.equal((await assigneeCounts(account)).get(null), 2);
    const res = await t.request('POST', '/api/v1/profile/availability', { token: agent.token, body: { profile: { account_id: account.id, availability: 'online' } } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().accounts[0].availability, 'online');
    assert.equal(res.json().accounts[0].availability_status, 'online');
    await t.settle();
    assert.equal((await assigneeCounts(account)).get(agent.user.id), 2);
    const changed = t.events.received.find((e) => e.name === 'agent.availability_changed' && e.userId === agent.user.id);
    assert.deepEqual(changed?.changes?.availability, ['busy', 'online']);
  });

  it('runs again when an agent connects to /cable', async () => {
    const server = await startCable(t, { onUserOnline: queueAssignmentWhenOnline(t.deps) });
    const admin = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account: admin.account, inbox: { enable_auto_assignment: true } });
    const agent = await buildAgent(db, t.deps.env, { account: admin.account });
    await addInboxMember(db, inbox.id, agent.user.id);
    const waiting = await buildConversation(db, { account: admin.account, inbox });
    const client = await RawCableClient.connect(server.url);
    const identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: agent.user.pubsub_token, account_id: admin.account.id, user_id: agent.user.id });
    assert.equal(await client.subscribed(identifier), 'confirm_subscription');
    const frame = await client.event('assignee.changed', (data) => data.id === waiting.display_id);
    assert.equal((frame.message?.data.meta as { assignee: { id: number } }).assignee.id, agent.user.id);
    client.socket.close();
    assert.equal(ASSIGN_WAITING_CONVERSATIONS, 'assign-waiting-conversations');
  });

  it('refuses a bad availability with 422 and another account with 404', async () => {
    const { account, agents } = await setup(1);
    const bad = await t.request('POST', '/api/v1/profile/availability', { token: agents[0].token, body: { profile: { account_id: account.id, availability: 'away' } } });
    assert.equal(bad.statusCode, 422);
    const other = await buildAdmin(db, t.deps.env);
    const res = await t.request('POST', '/api/v1/profile/availability', { token: agents[0].token, body: { profile: { account_id: other.account.id, availability: 'busy' } } });
    assert.equal(res.statusCode, 404);
    const off = await t.request('POST', '/api/v1/profile/auto_offline', { token: agents[0].token, body: { profile: { account_id: account.id, auto_offline: false } } });
    assert.equal(off.statusCode, 200);
    assert.equal(off.json().accounts[0].auto_offline, false);
  });
});
