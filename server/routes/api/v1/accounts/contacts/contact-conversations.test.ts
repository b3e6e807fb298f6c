import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInboxMember, buildAdmin, buildAgent, buildContact, buildConversation, buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('GET /api/v1/accounts/:account_id/contacts/:contact_id/conversations', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  async function scene() {
    const admin = await buildAdmin(db, env);
    const account = admin.account;
    const agent = await buildAgent(db, env, { account });
    const first = (await buildInbox(db, { account })).inbox;
    const second = (await buildInbox(db, { account })).inbox;
    await addInboxMember(db, first.id, agent.user.id);
    const contact = await buildContact(db, { account });
    const at = Date.now();
    const rows = [];
    for (const [i, inbox] of [first, second, first, second].entries()) {
      rows.push(await buildConversation(db, { account, inbox, contact, conversation: { last_activity_at: at - i * 1000, status: i === 2 ? 1 : 0 } }));
    }
    await buildConversation(db, { account, inbox: first });
    return { account, admin, agent, contact, rows };
  }
  const path = (accountId: number, contactId: number) => `/api/v1/accounts/${accountId}/contacts/${contactId}/conversations`;

  it('answers 401 without a token', async () => {
    const { account, contact } = await scene();
    assert.equal((await t.request('GET', path(account.id, contact.id))).statusCode, 401);
  });

  it('lists every status of the contact\'s conversations to an administrator, latest activity first', async () => {
    const { account, admin, contact, rows } = await scene();
    const res = await t.request('GET', path(account.id, contact.id), { token: admin.token });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(Object.keys(res.json()), ['payload']);
    assert.deepEqual(res.json().payload.map((c: { id: number }) => c.id), rows.map((r) => r.display_id));
    assert.equal(res.json().payload[2].status, 'resolved');
    assert.equal(res.json().payload[0].meta.sender.id, contact.id);
  });

  it('shows an agent only the conversations of their inboxes', async () => {
    const { account, agent, contact, rows } = await scene();
    const res = await t.request('GET', path(account.id, contact.id), { token: agent.token });
    assert.deepEqual(res.json().payload.map((c: { id: number }) => c.id), [rows[0]!.display_id, rows[2]!.display_id]);
  });

  it('404s another account\'s contact', async () => {
    const { contact } = await scene();
    const other = await buildAdmin(db, env);
    const res = await t.request('GET', path(other.account.id, contact.id), { token: other.token });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { error: 'Resource could not be found' });
  });
});
