import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConversationRow } from '../../../../../db/schema.js';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import { addInboxMember, buildAdmin, buildAgent, buildConversation, buildInbox } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

type Condition = { attribute_key: string; filter_operator: string; values?: unknown; query_operator?: string | null };

describe('POST /api/v1/accounts/:account_id/conversations/filter', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;
  const cond = (attribute_key: string, filter_operator: string, values?: unknown, query_operator: string | null = null): Condition =>
    ({ attribute_key, filter_operator, values, query_operator });

  async function scene() {
    const admin = await buildAdmin(db, env);
    const account = admin.account;
    const agent = await buildAgent(db, env, { account });
    const mine = (await buildInbox(db, { account })).inbox;
    const hidden = (await buildInbox(db, { account })).inbox;
    await addInboxMember(db, mine.id, agent.user.id);
    const at = (minutes: number) => Date.now() - minutes * 60_000;
    const make = (values: Partial<ConversationRow>, inbox = mine) => buildConversation(db, { account, inbox, conversation: values });
    const rows = {
      open: await make({ assignee_id: agent.user.id, priority: 2, last_activity_at: at(1), additional_attributes: { browser_language: 'de', referer: 'https://shop.example/cart' }, custom_attributes: { order_total: 120 } }),
      resolved: await make({ status: 1, last_activity_at: at(2), custom_attributes: { order_total: '15' } }),
      pending: await make({ status: 2, priority: 0, last_activity_at: at(3), created_at: Date.now() - 10 * 86_400_000 }),
      hidden: await make({ last_activity_at: at(4) }, hidden),
    };
    await taggingRepository.replace(db, account.id, 'Conversation', rows.resolved.id, ['billing']);
    const res = await t.request('POST', `/api/v1/accounts/${account.id}/custom_attribute_definitions`, {
      token: admin.token, body: { attribute_display_name: 'Total', attribute_key: 'order_total', attribute_model: 'conversation_attribute', attribute_display_type: 'currency' },
    });
    assert.equal(res.statusCode, 200);
    return { account, admin, agent, mine, hidden, rows };
  }

  async function filter(accountId: number, token: string, payload: Condition[]) {
    return t.request('POST', `/api/v1/accounts/${accountId}/conversations/filter`, { token, body: { payload } });
  }
  const displayIds = async (accountId: number, token: string, payload: Condition[]) => {
    const res = await filter(accountId, token, payload);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().payload.map((c: { id: number }) => c.id);
  };

  it('filters by standard and custom attributes, latest activity first, with Chatwoot\'s meta', async () => {
    const { account, admin, rows, hidden } = await scene();
    const f = (payload: Condition[]) => displayIds(account.id, admin.token, payload);
    const res = await filter(account.id, admin.token, [cond('status', 'equal_to', ['open'])]);
    assert.deepEqual(Object.keys(res.json()), ['meta', 'payload']);
    assert.deepEqual(res.json().meta, { mine_count: 0, unassigned_count: 1, all_count: 2 });
    assert.deepEqual(await f([cond('status', 'equal_to', ['open'])]), [rows.open.display_id, rows.hidden.display_id]);
    assert.deepEqual(await f([cond('status', 'equal_to', ['all'])]).then((l: number[]) => l.length), 4);
    assert.deepEqual(await f([cond('status', 'not_equal_to', ['open', 'resolved'])]), [rows.pending.display_id]);
    assert.deepEqual(await f([cond('priority', 'equal_to', ['high'])]), [rows.open.display_id]);
    assert.deepEqual(await f([cond('assignee_id', 'is_present')]), [rows.open.display_id]);
    assert.deepEqual(await f([cond('inbox_id', 'equal_to', [hidden.id])]), [rows.hidden.display_id]);
    assert.deepEqual(await f([cond('team_id', 'is_not_present'), cond('labels', 'equal_to', ['billing'])]), [rows.resolved.display_id]);
    assert.deepEqual(await f([cond('display_id', 'equal_to', [rows.pending.display_id])]), [rows.pending.display_id]);
    assert.deepEqual(await f([cond('browser_language', 'equal_to', ['de'])]), [rows.open.display_id]);
    assert.deepEqual(await f([cond('referer', 'contains', ['shop.example'])]), [rows.open.display_id]);
    assert.deepEqual(await f([cond('created_at', 'days_before', [5])]), [rows.pending.display_id]);
    assert.deepEqual(await f([cond('order_total', 'is_greater_than', [100])]), [rows.open.display_id]);
    assert.deepEqual(await f([cond('order_total', 'is_less_than', [100], 'OR'), cond('priority', 'equal_to', ['low'])]),
      [rows.resolved.display_id, rows.pending.display_id]);
  });

  it('shows an agent only the conversations of their inboxes, and counts theirs', async () => {
    const { account, agent, rows } = await scene();
    const res = await filter(account.id, agent.token, [cond('status', 'equal_to', ['open'])]);
    assert.deepEqual(res.json().payload.map((c: { id: number }) => c.id), [rows.open.display_id]);
    assert.deepEqual(res.json().meta, { mine_count: 1, unassigned_count: 0, all_count: 1 });
  });

  it('answers 422 for bad payloads and 401 outside the account', async () => {
    const { account, admin } = await scene();
    const bad = async (payload: Condition[], prefix: string) => {
      const res = await filter(account.id, admin.token, payload);
      assert.equal(res.statusCode, 422, JSON.stringify(payload));
      assert.ok(String(res.json().error).startsWith(prefix), res.body);
    };
    await bad([cond('name', 'equal_to', ['x'])], 'Invalid attribute key - [name]. The key should be one of [status,assignee_id,');
    await bad([cond('status', 'contains', ['open'])], 'Invalid operator. The allowed operators for status are [equal_to,not_equal_to].');
    await bad([cond('status', 'equal_to', ['closed'])], 'Invalid value. The values provided for status are invalid');
    await bad([cond('assignee_id', 'equal_to', ['me'])], 'Invalid value. The values provided for assignee_id are invalid');
    await bad([cond('status', 'equal_to', ['open'], 'NOT'), cond('priority', 'equal_to', ['low'])], 'Query operator must be either "AND" or "OR".');
    const other = await buildAdmin(db, env);
    assert.equal((await filter(account.id, other.token, [])).statusCode, 401);
  });
});
