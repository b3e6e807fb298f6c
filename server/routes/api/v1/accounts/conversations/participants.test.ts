import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInboxMember, buildAdmin, buildAgent, buildConversation, buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('/api/v1/accounts/:account_id/conversations/:id/participants', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, displayId: number) => `/api/v1/accounts/${accountId}/conversations/${displayId}/participants`;

  async function setup() {
    const admin = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account: admin.account });
    const member = await buildAgent(db, t.deps.env, { account: admin.account });
    const other = await buildAgent(db, t.deps.env, { account: admin.account });
    await addInboxMember(db, inbox.id, member.user.id);
    await addInboxMember(db, inbox.id, other.user.id);
    const outsider = await buildAgent(db, t.deps.env, { account: admin.account });
    const conversation = await buildConversation(db, { account: admin.account, inbox });
    return { admin, member, other, outsider, conversation, account: admin.account };
  }

  it('adds, lists, replaces and removes participants', async () => {
    const { admin, member, other, conversation, account } = await setup();
    const added = await t.request('POST', url(account.id, conversation.display_id), { token: member.token, body: { user_ids: [member.user.id, admin.user.id] } });
    assert.equal(added.statusCode, 200, added.body);
    assert.deepEqual(added.json().map((a: { id: number }) => a.id), [member.user.id, admin.user.id]);
    assert.equal(added.json()[0].email, member.user.email);

    const listed = await t.request('GET', url(account.id, conversation.display_id), { token: admin.token });
    assert.deepEqual(listed.json().map((a: { id: number }) => a.id), [member.user.id, admin.user.id]);

    const replaced = await t.request('PATCH', url(account.id, conversation.display_id), { token: admin.token, body: { user_ids: [other.user.id, member.user.id] } });
    assert.equal(replaced.statusCode, 200);
    assert.deepEqual(replaced.json().map((a: { id: number }) => a.id).sort(), [member.user.id, other.user.id].sort());

    const removed = await t.request('DELETE', url(account.id, conversation.display_id), { token: admin.token, body: { user_ids: [member.user.id] } });
    assert.equal(removed.statusCode, 200);
    const after = await t.request('GET', url(account.id, conversation.display_id), { token: admin.token });
    assert.deepEqual(after.json().map((a: { id: number }) => a.id), [other.user.id]);
  });

  it('refuses users without inbox access (422 naming user_ids), writing nothing', async () => {
    const { admin, member, outsider, conversation, account } = await setup();
    const res = await t.request('POST', url(account.id, conversation.display_id), { token: admin.token, body: { user_ids: [member.user.id, outsider.user.id] } });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json().attributes, ['user_ids']);
    const stranger = await buildAgent(db, t.deps.env);
    assert.equal((await t.request('POST', url(account.id, conversation.display_id), { token: admin.token, body: { user_ids: [stranger.user.id] } })).statusCode, 422);
    assert.equal((await t.request('POST', url(account.id, conversation.display_id), { token: admin.token, body: { user_ids: 'x' } })).statusCode, 422);
    const rows = await db.selectFrom('conversation_participants').select('id').where('conversation_id', '=', conversation.id).execute();
    assert.equal(rows.length, 0);
  });

  it('hides the conversation from agents outside its inbox and from other accounts', async () => {
    const { outsider, conversation, account } = await setup();
    assert.equal((await t.request('GET', url(account.id, conversation.display_id), { token: outsider.token })).statusCode, 401);
    const elsewhere = await buildAdmin(db, t.deps.env);
    assert.equal((await t.request('GET', url(elsewhere.account.id, conversation.display_id), { token: elsewhere.token })).statusCode, 404);
    assert.equal((await t.request('GET', url(account.id, 999_999), { token: outsider.token })).statusCode, 404);
  });

  it('lists participating conversations with conversation_type=participating', async () => {
    const { member, conversation, account, admin } = await setup();
    await buildConversation(db, { account });
    await t.request('POST', url(account.id, conversation.display_id), { token: admin.token, body: { user_ids: [member.user.id] } });
    const res = await t.request('GET', `/api/v1/accounts/${account.id}/conversations?conversation_type=participating`, { token: member.token });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().data.payload.map((c: { id: number }) => c.id), [conversation.display_id]);
  });
});
