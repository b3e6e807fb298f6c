import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAccount, buildAdmin, buildAgent, buildAgentBot } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

const KEYS = ['id', 'name', 'description', 'thumbnail', 'outgoing_url', 'bot_type', 'bot_config', 'account_id', 'access_token', 'secret', 'system_bot'];

describe('/api/v1/accounts/:account_id/agent_bots', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, rest = '') => `/api/v1/accounts/${accountId}/agent_bots${rest}`;

  async function adminWithBot() {
    const admin = await buildAdmin(db, t.deps.env);
    const res = await t.request('POST', url(admin.account.id), {
      token: admin.token, body: { name: 'Triage', description: 'First line', outgoing_url: 'https://bots.example.com/in', bot_config: { lang: 'en' } },
    });
    assert.equal(res.statusCode, 200, res.body);
    return { ...admin, bot: res.json() as Record<string, unknown> & { id: number; access_token: string; secret: string } };
  }

  it('answers 401 without a token, with a wrong token, and for bots', async () => {
    const account = await buildAccount(db);
    assert.equal((await t.request('GET', url(account.id))).statusCode, 401);
    assert.equal((await t.request('GET', url(account.id), { token: 'nope' })).statusCode, 401);
    const { token } = await buildAgentBot(db, t.deps.env, { account });
    const bot = await t.request('GET', url(account.id), { token });
    assert.equal(bot.statusCode, 401);
    assert.deepEqual(bot.json(), { error: 'Access to this endpoint is not authorized for bots' });
  });

  it('creates a bot with its access token and secret, and the bot can call the API with that token', async () => {
    const { account, bot } = await adminWithBot();
    assert.deepEqual(Object.keys(bot), KEYS);
    assert.deepEqual({ ...bot, id: 0, access_token: '', secret: '' }, {
      id: 0, name: 'Triage', description: 'First line', thumbnail: '', outgoing_url: 'https://bots.example.com/in', bot_type: 'webhook',
      bot_config: { lang: 'en' }, account_id: account.id, access_token: '', secret: '', system_bot: false,
    });
    assert.ok(bot.access_token.length >= 20);
    assert.ok(bot.secret.length >= 20);
    const asBot = await t.request('GET', `/api/v1/accounts/${account.id}/conversations/999999`, { token: bot.access_token });
    assert.equal(asBot.statusCode, 404, 'the bot token authenticates (404: no such conversation)');
  });

  it('lists the account bots and global bots to members; agents see no secret; other accounts see nothing', async () => {
    const { account, bot } = await adminWithBot();
    const global = await buildAgentBot(db, t.deps.env, { account: null, bot: { outgoing_url: 'https://global.example.com' } });
    const other = await adminWithBot();
    const agent = await buildAgent(db, t.deps.env, { account });
    const res = await t.request('GET', url(account.id), { token: agent.token });
    assert.equal(res.statusCode, 200);
    const list = res.json() as Array<Record<string, unknown>>;
    const ids = list.map((b) => b.id);
    assert.ok(ids.includes(bot.id) && ids.includes(global.bot.id) && !ids.includes(other.bot.id));
    const own = list.find((b) => b.id === bot.id)!;
    assert.equal(own.secret, undefined, 'secret only for administrators');
    assert.equal(own.access_token, bot.access_token);
    const system = list.find((b) => b.id === global.bot.id)!;
    assert.deepEqual(Object.keys(system), ['id', 'name', 'description', 'thumbnail', 'bot_type', 'bot_config', 'account_id', 'system_bot']);
    assert.equal(system.system_bot, true);
    const shown = await t.request('GET', url(account.id, `/${global.bot.id}`), { token: agent.token });
    assert.equal(shown.statusCode, 200);
    const cross = await t.request('GET', url(account.id, `/${other.bot.id}`), { token: agent.token });
    assert.equal(cross.statusCode, 404);
  });

  it('updates, resets the token and secret, removes the avatar, deletes; admins only; 404 for other accounts and global bots', async () => {
    const { account, token, bot } = await adminWithBot();
    const agent = await buildAgent(db, t.deps.env, { account });
    for (const [method, path] of [['PATCH', `/${bot.id}`], ['DELETE', `/${bot.id}`], ['POST', `/${bot.id}/reset_access_token`], ['POST', `/${bot.id}/reset_secret`], ['POST', '']] as const) {
      const denied = await t.request(method, url(account.id, path), { token: agent.token, body: { name: 'x' } });
      assert.equal(denied.statusCode, 401, `${method} ${path}`);
    }
    const updated = await t.request('PATCH', url(account.id, `/${bot.id}`), { token, body: { name: 'Renamed', outgoing_url: 'https://bots.example.com/v2' } });
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.json().name, 'Renamed');
    assert.equal(updated.json().outgoing_url, 'https://bots.example.com/v2');
    const bad = await t.request('PATCH', url(account.id, `/${bot.id}`), { token, body: { outgoing_url: 'ftp://nope' } });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(bad.json().attributes, ['outgoing_url']);
    const blank = await t.request('POST', url(account.id), { token, body: { description: 'no name' } });
    assert.equal(blank.statusCode, 422);
    assert.deepEqual(blank.json().attributes, ['name']);
    const reset = await t.request('POST', url(account.id, `/${bot.id}/reset_access_token`), { token });
    assert.equal(reset.statusCode, 200);
    assert.notEqual(reset.json().access_token, bot.access_token);
    assert.equal((await t.request('GET', `/api/v1/accounts/${account.id}/conversations/1`, { token: bot.access_token })).statusCode, 401);
    const secret = await t.request('POST', url(account.id, `/${bot.id}/reset_secret`), { token });
    assert.notEqual(secret.json().secret, bot.secret);
    const avatar = await t.request('DELETE', url(account.id, `/${bot.id}/avatar`), { token });
    assert.equal(avatar.json().thumbnail, '');
    const global = await buildAgentBot(db, t.deps.env, { account: null });
    assert.equal((await t.request('PATCH', url(account.id, `/${global.bot.id}`), { token, body: { name: 'mine' } })).statusCode, 404);
    const other = await adminWithBot();
    assert.equal((await t.request('DELETE', url(account.id, `/${other.bot.id}`), { token })).statusCode, 404);
    const deleted = await t.request('DELETE', url(account.id, `/${bot.id}`), { token });
    assert.equal(deleted.statusCode, 200);
    assert.equal(deleted.body, '');
    assert.equal((await t.request('GET', url(account.id, `/${bot.id}`), { token })).statusCode, 404);
  });
});
