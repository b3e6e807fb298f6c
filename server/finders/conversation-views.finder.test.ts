import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Actor } from '../context.js';
import { buildAdmin, buildAgent, buildAgentBot, buildContact, buildConversation, buildInbox, buildMessage } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { findConversations } from './conversation.finder.js';
import { loadConversationViews, replyWindowHours } from './conversation-views.finder.js';

/** Counts the queries run through it. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

describe('conversation views and list queries', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const env = t.deps.env;

  async function pageOf(size: number) {
    const admin = await buildAdmin(db, env);
    const account = admin.account;
    const { inbox } = await buildInbox(db, { account });
    const { bot } = await buildAgentBot(db, env, { account });
    const team = await db.insertInto('teams').values({ account_id: account.id, name: 'T', description: null, allow_auto_assign: true, created_at: 1, updated_at: 1 })
      .returningAll().executeTakeFirstOrThrow();
    for (let i = 0; i < size; i += 1) {
      const agent = await buildAgent(db, env, { account });
      const contact = await buildContact(db, { account });
      const conversation = await buildConversation(db, {
        account, inbox, contact,
        conversation: i % 2 ? { assignee_id: agent.user.id, team_id: team.id } : { assignee_agent_bot_id: bot.id },
      });
      await buildMessage(db, { conversation });
      await buildMessage(db, { conversation, message: { message_type: 1, sender_type: 'User', sender_id: agent.user.id } });
      await buildMessage(db, { conversation, message: { message_type: 2, sender_type: null, sender_id: null } });
    }
    const actor: Actor = { type: 'User', id: admin.user.id, user: admin.user, membership: { ...(await db.selectFrom('account_users').selectAll().where('user_id', '=', admin.user.id).executeTakeFirstOrThrow()) } };
    return { account, actor };
  }

  async function queriesFor(size: number): Promise<number> {
    const { account, actor } = await pageOf(size);
    const counter = new QueryCounter();
    const counted = db.withPlugin(counter);
    const { conversations } = await findConversations(counted, actor, account.id, {});
    const views = await loadConversationViews(counted, actor, account.id, conversations);
    assert.equal(views.length, size);
    assert.ok(views.every((v) => v.lastMessage?.message.message_type === 2 && v.lastNonActivityMessage?.message.message_type === 1));
    assert.ok(views.every((v) => v.unreadCount === 1 && (v.assignee !== null || v.assigneeBot !== null)));
    return counter.count;
  }

  it('loads a page in the same number of queries whatever its size (no N+1)', async () => {
    const small = await queriesFor(2);
    const large = await queriesFor(12);
    assert.equal(large, small);
    assert.ok(large <= 20, `${large} queries`);
  });

  it('knows the reply window of each channel', () => {
    const inbox = (channel_type: string) => ({ channel_type } as Parameters<typeof replyWindowHours>[0]);
    const api = (window: unknown) => ({ additional_attributes: { agent_reply_time_window: window } } as unknown as Parameters<typeof replyWindowHours>[1]);
    assert.equal(replyWindowHours(inbox('Channel::Api'), api(undefined)), null);
    assert.equal(replyWindowHours(inbox('Channel::Api'), api('12')), 12);
    assert.equal(replyWindowHours(inbox('Channel::Whatsapp'), undefined), 24);
    assert.equal(replyWindowHours(inbox('Channel::WebWidget'), undefined), null);
  });

  it('tells whether an API inbox with a reply window still allows a reply', async () => {
    const admin = await buildAdmin(db, env);
    const { inbox } = await buildInbox(db, { account: admin.account, channel: { additional_attributes: { agent_reply_time_window: 1 } } });
    const fresh = await buildConversation(db, { account: admin.account, inbox });
    await buildMessage(db, { conversation: fresh });
    const stale = await buildConversation(db, { account: admin.account, inbox });
    await buildMessage(db, { conversation: stale, message: { created_at: Date.now() - 2 * 3_600_000 } });
    const silent = await buildConversation(db, { account: admin.account, inbox });
    const views = await loadConversationViews(db, { type: 'User', id: admin.user.id, user: admin.user, membership: null }, admin.account.id, [fresh, stale, silent]);
    assert.deepEqual(views.map((v) => v.canReply), [true, false, false]);
  });
});
