import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConversationRow } from '../../../../../db/schema.js';
import { addInboxMember, buildAdmin, buildAgent, buildAgentBot, buildContact, buildConversation, buildInbox, buildMessage } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import { CONVERSATION_KEYS, conversationsPath } from './conversations.fixtures.js';

describe('GET /api/v1/accounts/:account_id/conversations and /meta', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  /** An account with two inboxes; the agent is a member of the first only. */
  async function buildScene() {
    const admin = await buildAdmin(db, env);
    const account = admin.account;
    const agent = await buildAgent(db, env, { account });
    const mine = (await buildInbox(db, { account })).inbox;
    const hidden = (await buildInbox(db, { account })).inbox;
    await addInboxMember(db, mine.id, agent.user.id);
    const at = (minutes: number) => Date.now() - minutes * 60_000;
    const make = (overrides: Partial<ConversationRow>, inbox = mine) => buildConversation(db, { account, inbox, conversation: overrides });
    const rows = {
      assignedToAgent: await make({ assignee_id: agent.user.id, last_activity_at: at(5) }),
      assignedToAdmin: await make({ assignee_id: admin.user.id, last_activity_at: at(1), priority: 3 }),
      unassigned: await make({ last_activity_at: at(10), priority: 0 }),
      resolved: await make({ status: 1, last_activity_at: at(2) }),
      pending: await make({ status: 2, last_activity_at: at(3) }),
      hiddenOpen: await make({ last_activity_at: at(4) }, hidden),
    };
    return { account, admin, agent, mine, hidden, rows };
  }
  const ids = (res: { json(): { data: { payload: Array<{ id: number }> } } }) => res.json().data.payload.map((c) => c.id);

  it('answers 401 without a token and refuses bots', async () => {
    const admin = await buildAdmin(db, env);
    assert.equal((await t.request('GET', conversationsPath(admin.account.id))).statusCode, 401);
    const { token } = await buildAgentBot(db, env, { account: admin.account });
    const bot = await t.request('GET', conversationsPath(admin.account.id), { token });
    assert.equal(bot.statusCode, 401);
    assert.deepEqual(bot.json(), { error: 'Access to this endpoint is not authorized for bots' });
  });

  it('lists open conversations by latest activity with counts over the filtered set (admin sees all inboxes)', async () => {
    const { account, admin, rows } = await buildScene();
    const res = await t.request('GET', conversationsPath(account.id), { token: admin.token });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(Object.keys(res.json().data), ['meta', 'payload']);
    assert.deepEqual(res.json().data.meta, { mine_count: 1, assigned_count: 2, unassigned_count: 2, all_count: 4 });
    assert.deepEqual(ids(res), [rows.assignedToAdmin, rows.hiddenOpen, rows.assignedToAgent, rows.unassigned].map((r) => r.display_id));
    const first = res.json().data.payload[0];
    assert.deepEqual(Object.keys(first), CONVERSATION_KEYS);
    assert.equal(first.priority, 'urgent');
    assert.equal(first.meta.assignee.id, admin.user.id);
    assert.equal(first.meta.assignee_type, 'User');
    const meta = await t.request('GET', `${conversationsPath(account.id)}/meta`, { token: admin.token });
    assert.deepEqual(meta.json(), { meta: { mine_count: 1, assigned_count: 2, unassigned_count: 2, all_count: 4 } });
  });

  it('shows an agent only the conversations of their inboxes', async () => {
    const { account, agent, rows, hidden } = await buildScene();
    const res = await t.request('GET', `${conversationsPath(account.id)}?status=all`, { token: agent.token });
    assert.deepEqual(res.json().data.meta, { mine_count: 1, assigned_count: 2, unassigned_count: 3, all_count: 5 });
    assert.ok(!ids(res).includes(rows.hiddenOpen.display_id));
    const filtered = await t.request('GET', `${conversationsPath(account.id)}?inbox_id=${hidden.id}`, { token: agent.token });
    assert.deepEqual(ids(filtered), []);
    const meta = await t.request('GET', `${conversationsPath(account.id)}/meta?status=all`, { token: agent.token });
    assert.equal(meta.json().meta.all_count, 5);
  });

  it('filters by status and assignee_type; counts ignore assignee_type', async () => {
    const { account, agent, rows } = await buildScene();
    const path = conversationsPath(account.id);
    const mine = await t.request('GET', `${path}?assignee_type=me`, { token: agent.token });
    assert.deepEqual(ids(mine), [rows.assignedToAgent.display_id]);
    assert.deepEqual(mine.json().data.meta, { mine_count: 1, assigned_count: 2, unassigned_count: 1, all_count: 3 });
    const unassigned = await t.request('GET', `${path}?assignee_type=unassigned`, { token: agent.token });
    assert.deepEqual(ids(unassigned), [rows.unassigned.display_id]);
    const assigned = await t.request('GET', `${path}?assignee_type=assigned`, { token: agent.token });
    assert.deepEqual(ids(assigned), [rows.assignedToAdmin.display_id, rows.assignedToAgent.display_id]);
    const resolved = await t.request('GET', `${path}?status=resolved`, { token: agent.token });
    assert.deepEqual(ids(resolved), [rows.resolved.display_id]);
    const pending = await t.request('GET', `${path}?status=pending&assignee_type=all`, { token: agent.token });
    assert.deepEqual(ids(pending), [rows.pending.display_id]);
  });

  it('filters by team, labels (labels[] or labels) and message content, and by source_id', async () => {
    const { account, admin, rows } = await buildScene();
    const team = await db.insertInto('teams').values({ account_id: account.id, name: 'T', description: null, allow_auto_assign: true, created_at: 1, updated_at: 1 })
      .returningAll().executeTakeFirstOrThrow();
    await db.updateTable('conversations').set({ team_id: team.id }).where('id', '=', rows.unassigned.id).execute();
    await taggingRepository.replace(db, account.id, 'Conversation', rows.assignedToAgent.id, ['billing', 'vip']);
    await taggingRepository.replace(db, account.id, 'Conversation', rows.resolved.id, ['billing']);
    await buildMessage(db, { conversation: rows.assignedToAdmin, message: { content: 'My Refund is late' } });
    await buildMessage(db, { conversation: rows.resolved, message: { content: 'refund please' } });
    await buildMessage(db, { conversation: rows.unassigned, message: { content: 'refund note', message_type: 2 } });
    const path = conversationsPath(account.id);
    assert.deepEqual(ids(await t.request('GET', `${path}?team_id=${team.id}`, { token: admin.token })), [rows.unassigned.display_id]);
    assert.deepEqual(ids(await t.request('GET', `${path}?labels[]=billing`, { token: admin.token })), [rows.assignedToAgent.display_id]);
    assert.deepEqual(ids(await t.request('GET', `${path}?labels=vip&status=all`, { token: admin.token })), [rows.assignedToAgent.display_id]);
    const labelled = await t.request('GET', `${path}?labels[]=billing&status=all`, { token: admin.token });
    assert.deepEqual(ids(labelled), [rows.resolved.display_id, rows.assignedToAgent.display_id]);
    assert.deepEqual(labelled.json().data.payload[1].labels, ['billing', 'vip']);
    // q searches incoming and outgoing messages in every status.
    const found = await t.request('GET', `${path}?q=REFUND`, { token: admin.token });
    assert.deepEqual(ids(found), [rows.assignedToAdmin.display_id, rows.resolved.display_id]);
    assert.equal(found.json().data.meta.all_count, 2);
    const ci = await db.selectFrom('contact_inboxes').select('source_id').where('id', '=', rows.pending.contact_inbox_id as number).executeTakeFirstOrThrow();
    assert.deepEqual(ids(await t.request('GET', `${path}?source_id=${ci.source_id}&status=all`, { token: admin.token })), [rows.pending.display_id]);
    const otherTeam = await t.request('GET', `${path}?team_id=999999`, { token: admin.token });
    assert.equal(otherTeam.statusCode, 404);
  });

  it('filters unattended conversations; mentions and participations are empty', async () => {
    const { account, admin, rows } = await buildScene();
    await db.updateTable('conversations').set({ first_reply_created_at: Date.now(), waiting_since: null }).where('id', '=', rows.unassigned.id).execute();
    await db.updateTable('conversations').set({ first_reply_created_at: Date.now() }).where('id', '=', rows.assignedToAgent.id).execute();
    const path = conversationsPath(account.id);
    const unattended = await t.request('GET', `${path}?conversation_type=unattended`, { token: admin.token });
    assert.deepEqual(ids(unattended), [rows.assignedToAdmin, rows.hiddenOpen, rows.assignedToAgent].map((r) => r.display_id));
    assert.equal(unattended.json().data.meta.all_count, 3);
    assert.deepEqual(ids(await t.request('GET', `${path}?conversation_type=mention`, { token: admin.token })), []);
  });

  it('sorts as Chatwoot does', async () => {
    const { account, admin, rows } = await buildScene();
    const path = conversationsPath(account.id);
    const get = async (sort: string) => ids(await t.request('GET', `${path}?sort_by=${sort}`, { token: admin.token }));
    assert.deepEqual(await get('last_activity_at_asc'), [rows.unassigned, rows.assignedToAgent, rows.hiddenOpen, rows.assignedToAdmin].map((r) => r.display_id));
    assert.deepEqual(await get('created_at_asc'), [rows.assignedToAgent, rows.assignedToAdmin, rows.unassigned, rows.hiddenOpen].map((r) => r.display_id));
    assert.deepEqual(await get('created_at_desc'), [rows.hiddenOpen, rows.unassigned, rows.assignedToAdmin, rows.assignedToAgent].map((r) => r.display_id));
    assert.deepEqual(await get('priority_desc'), [rows.assignedToAdmin, rows.unassigned, rows.hiddenOpen, rows.assignedToAgent].map((r) => r.display_id));
    assert.deepEqual(await get('priority_asc'), [rows.unassigned, rows.assignedToAdmin, rows.hiddenOpen, rows.assignedToAgent].map((r) => r.display_id));
    await buildMessage(db, { conversation: rows.unassigned });
    assert.equal((await get('unread'))[0], rows.unassigned.display_id);
    const bad = await t.request('GET', `${path}?sort_by=random`, { token: admin.token });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['sort_by']);
    const badStatus = await t.request('GET', `${path}?status=closed`, { token: admin.token });
    assert.deepEqual(badStatus.json().attributes, ['status']);
  });

  it('pages by 25 with counts of the whole set, in a fixed number of queries', async () => {
    const admin = await buildAdmin(db, env);
    const { inbox } = await buildInbox(db, { account: admin.account });
    const contact = await buildContact(db, { account: admin.account });
    for (let i = 0; i < 30; i += 1) {
      const c = await buildConversation(db, { account: admin.account, inbox, contact, conversation: { last_activity_at: Date.now() - i * 1000, assignee_id: i % 2 ? admin.user.id : null } });
      await buildMessage(db, { conversation: c });
    }
    const path = conversationsPath(admin.account.id);
    const first = await t.request('GET', path, { token: admin.token });
    assert.equal(first.json().data.payload.length, 25);
    assert.deepEqual(first.json().data.meta, { mine_count: 15, assigned_count: 15, unassigned_count: 15, all_count: 30 });
    assert.deepEqual(first.json().data.payload.map((c: { unread_count: number }) => c.unread_count), Array(25).fill(1));
    const second = await t.request('GET', `${path}?page=2`, { token: admin.token });
    assert.deepEqual(ids(second), [26, 27, 28, 29, 30]);
    const page0 = await t.request('GET', `${path}?page=0`, { token: admin.token });
    assert.equal(page0.statusCode, 422);
  });
});
