import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInboxMember, buildAccount, buildAdmin, buildAgent, buildAgentBot, buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('/api/v1/accounts/:account_id/inboxes/:id/agent_bot and set_agent_bot', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const base = (accountId: number, inboxId: number) => `/api/v1/accounts/${accountId}/inboxes/${inboxId}`;

  async function desk() {
    const admin = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account: admin.account });
    const { bot } = await buildAgentBot(db, t.deps.env, { account: admin.account, bot: { outgoing_url: 'https://bots.example.com' } });
    return { ...admin, inbox, bot };
  }

  it('answers 401 without or with a wrong token', async () => {
    const account = await buildAccount(db);
    const { inbox } = await buildInbox(db, { account });
    assert.equal((await t.request('GET', `${base(account.id, inbox.id)}/agent_bot`)).statusCode, 401);
    assert.equal((await t.request('POST', `${base(account.id, inbox.id)}/set_agent_bot`, { token: 'nope', body: {} })).statusCode, 401);
  });

  it('attaches, shows, replaces and detaches the inbox bot', async () => {
    const { account, token, inbox, bot } = await desk();
    const empty = await t.request('GET', `${base(account.id, inbox.id)}/agent_bot`, { token });
    assert.equal(empty.statusCode, 200);
    assert.deepEqual(empty.json(), { agent_bot: {} });
    const set = await t.request('POST', `${base(account.id, inbox.id)}/set_agent_bot`, { token, body: { agent_bot: String(bot.id) } });
    assert.equal(set.statusCode, 200);
    assert.equal(set.body, '');
    const shown = (await t.request('GET', `${base(account.id, inbox.id)}/agent_bot`, { token })).json().agent_bot;
    assert.equal(shown.id, bot.id);
    assert.equal(shown.name, bot.name);
    assert.equal(shown.system_bot, false);
    const global = await buildAgentBot(db, t.deps.env, { account: null });
    assert.equal((await t.request('POST', `${base(account.id, inbox.id)}/set_agent_bot`, { token, body: { agent_bot: global.bot.id } })).statusCode, 200);
    assert.equal((await t.request('GET', `${base(account.id, inbox.id)}/agent_bot`, { token })).json().agent_bot.id, global.bot.id);
    const links = await db.selectFrom('agent_bot_inboxes').selectAll().where('inbox_id', '=', inbox.id).execute();
    assert.equal(links.length, 1);
    assert.equal(links[0].status, 0);
    assert.equal((await t.request('POST', `${base(account.id, inbox.id)}/set_agent_bot`, { token, body: { agent_bot: null } })).statusCode, 200);
    assert.deepEqual((await t.request('GET', `${base(account.id, inbox.id)}/agent_bot`, { token })).json(), { agent_bot: {} });
  });

  it('refuses agents (401) but lets inbox members see the bot; 404 across accounts and for other accounts\' bots', async () => {
    const { account, token, inbox, bot } = await desk();
    const agent = await buildAgent(db, t.deps.env, { account });
    await addInboxMember(db, inbox.id, agent.user.id);
    const denied = await t.request('POST', `${base(account.id, inbox.id)}/set_agent_bot`, { token: agent.token, body: { agent_bot: bot.id } });
    assert.equal(denied.statusCode, 401);
    assert.equal((await t.request('GET', `${base(account.id, inbox.id)}/agent_bot`, { token: agent.token })).statusCode, 200);
    const other = await desk();
    assert.equal((await t.request('POST', `${base(account.id, inbox.id)}/set_agent_bot`, { token, body: { agent_bot: other.bot.id } })).statusCode, 404);
    assert.equal((await t.request('GET', `${base(other.account.id, inbox.id)}/agent_bot`, { token: other.token })).statusCode, 404);
    const bad = await t.request('POST', `${base(account.id, inbox.id)}/set_agent_bot`, { token, body: { agent_bot: 'abc' } });
    assert.equal(bad.statusCode, 422);
  });
});
