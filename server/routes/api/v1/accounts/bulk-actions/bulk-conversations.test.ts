import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccountRow, ConversationRow } from '../../../../../db/schema.js';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import { buildAccount, buildAdmin, buildAgent, buildConversation, buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('POST /api/v1/accounts/:account_id/bulk_actions (conversations)', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number) => `/api/v1/accounts/${accountId}/bulk_actions`;
  const reread = (c: ConversationRow) => db.selectFrom('conversations').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
  const labelsOf = (c: ConversationRow) => taggingRepository.listTitles(db, c.account_id, 'Conversation', c.id);
  const team = (account: AccountRow, name: string) => db.insertInto('teams')
    .values({ account_id: account.id, name, description: null, allow_auto_assign: true, created_at: 1, updated_at: 1 }).returningAll().executeTakeFirstOrThrow();

  async function bulk(accountId: number, token: string, body: Record<string, unknown>) {
    const res = await t.request('POST', url(accountId), { token, body: { type: 'Conversation', ...body } });
    await t.settle();
    return res;
  }

  it('resolves, labels and assigns the conversations in a background job, with events per changed conversation, never another account\'s', async () => {
    const account = await buildAccount(db);
    const admin = await buildAdmin(db, t.deps.env, account);
    const agent = await buildAgent(db, t.deps.env, { account });
    const first = await buildConversation(db, { account });
    const second = await buildConversation(db, { account });
    const untouched = await buildConversation(db, { account });
    const foreign = await buildConversation(db, { account: await buildAccount(db), conversation: { display_id: 999_001 } });
    await taggingRepository.replace(db, account.id, 'Conversation', first.id, ['billing', 'old']);
    const res = await bulk(account.id, admin.token, {
      ids: [first.display_id, second.display_id, foreign.display_id], fields: { status: 'resolved', assignee_id: agent.user.id },
      labels: { add: ['vip', 'billing'], remove: ['old'] },
    });
    assert.deepEqual([res.statusCode, res.body], [200, '']);
    for (const c of [first, second]) {
      const row = await reread(c);
      assert.deepEqual([row.status, row.assignee_id], [1, agent.user.id]);
    }
    assert.deepEqual(await labelsOf(first), ['billing', 'vip']);
    assert.deepEqual(await labelsOf(second), ['vip', 'billing']);
    const same = await reread(untouched);
    assert.deepEqual([same.status, same.assignee_id, same.updated_at], [0, null, untouched.updated_at]);
    assert.deepEqual([(await reread(foreign)).status, await labelsOf(foreign)], [0, []]);
    const resolved = t.events.of(account.id, 'conversation.resolved').map((e) => e.conversationId).sort();
    assert.deepEqual(resolved, [first.id, second.id].sort());
    assert.deepEqual(t.events.of(account.id, 'assignee.changed').map((e) => e.conversationId).sort(), [first.id, second.id].sort());
    assert.ok(t.events.of(account.id, 'conversation.updated').every((e) => e.actor?.type === 'User' && e.actor.id === admin.user.id));
    assert.equal(t.events.of(foreign.account_id).length, 0);
  });

  it('touches only the conversations an agent may see (the inboxes they are a member of)', async () => {
    const account = await buildAccount(db);
    const agent = await buildAgent(db, t.deps.env, { account });
    const { inbox: mine } = await buildInbox(db, { account });
    const { inbox: theirs } = await buildInbox(db, { account });
    await db.insertInto('inbox_members').values({ inbox_id: mine.id, user_id: agent.user.id, created_at: 1, updated_at: 1 }).execute();
    const visible = await buildConversation(db, { account, inbox: mine });
    const hidden = await buildConversation(db, { account, inbox: theirs });
    const res = await bulk(account.id, agent.token, { ids: [visible.display_id, hidden.display_id], fields: { status: 'pending' }, labels: { add: ['x'] } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual([(await reread(visible)).status, await labelsOf(visible)], [2, ['x']]);
    assert.deepEqual([(await reread(hidden)).status, await labelsOf(hidden)], [0, []]);
    assert.deepEqual(t.events.of(account.id, 'conversation.status_changed').map((e) => e.conversationId), [visible.id]);
  });

  it('snoozes until a time, moves to a team dropping an assignee outside it, and unassigns', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const member = await buildAgent(db, t.deps.env, { account });
    const outsider = await buildAgent(db, t.deps.env, { account });
    const support = await team(account, 'Support');
    await db.insertInto('team_members').values({ team_id: support.id, user_id: member.user.id, created_at: 1, updated_at: 1 }).execute();
    const withMember = await buildConversation(db, { account, conversation: { assignee_id: member.user.id } });
    const withOutsider = await buildConversation(db, { account, conversation: { assignee_id: outsider.user.id } });
    const until = Math.floor(Date.now() / 1000) + 3600;
    await bulk(account.id, token, { ids: [withMember.display_id, withOutsider.display_id], fields: { status: 'snoozed', team_id: support.id }, snoozed_until: String(until) });
    const a = await reread(withMember);
    const b = await reread(withOutsider);
    assert.deepEqual([a.status, a.snoozed_until, a.team_id, a.assignee_id], [3, until * 1000, support.id, member.user.id]);
    assert.deepEqual([b.status, b.team_id, b.assignee_id], [3, support.id, null]);
    assert.deepEqual(t.events.of(account.id, 'team.changed').map((e) => e.conversationId).sort(), [withMember.id, withOutsider.id].sort());

    await bulk(account.id, token, { ids: [withMember.display_id], fields: { assignee_id: null, status: null, team_id: null } });
    const c = await reread(withMember);
    assert.deepEqual([c.status, c.assignee_id, c.team_id], [3, null, null], 'a null status is ignored, as Chatwoot drops it');
    await bulk(account.id, token, { ids: [withMember.display_id], fields: { status: 'open' } });
    assert.deepEqual([(await reread(withMember)).status, (await reread(withMember)).snoozed_until], [0, null]);
  });

  it('answers 422 naming a bad status, assignee, team or snooze time, and queues nothing', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const other = await buildAccount(db);
    const stranger = await buildAgent(db, t.deps.env, { account: other });
    const foreignTeam = await team(other, 'Elsewhere');
    const conversation = await buildConversation(db, { account });
    const check = async (body: Record<string, unknown>, field: string) => {
      const res = await bulk(account.id, token, { ids: [conversation.display_id], ...body });
      assert.equal(res.statusCode, 422, res.body);
      assert.deepEqual(res.json().attributes, [field], res.body);
    };
    await check({ fields: { status: 'closed' } }, 'fields.status');
    await check({ fields: { status: 'resolved', assignee_id: stranger.user.id } }, 'fields.assignee_id');
    await check({ fields: { status: 'resolved', team_id: foreignTeam.id } }, 'fields.team_id');
    await check({ fields: { status: 'snoozed' }, snoozed_until: 'tomorrow' }, 'snoozed_until');
    await check({ fields: { assignee_id: 'me' } }, 'fields.assignee_id');
    const row = await reread(conversation);
    assert.deepEqual([row.status, row.assignee_id, row.team_id], [0, null, null]);
    const anonymous = await t.request('POST', url(account.id), { body: { type: 'Conversation', ids: [conversation.display_id] } });
    assert.equal(anonymous.statusCode, 401);
  });
});
