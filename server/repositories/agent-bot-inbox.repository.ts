import type { Executor } from '../db/dialect.js';
import type { AgentBotRow } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** The link between an inbox and its agent bot (`agent_bot_inboxes`, one per inbox). */
export const agentBotInboxRepository = {
  /** The inbox's bot, whatever the link's status. */
  findBotOfInbox(db: Executor, accountId: number, inboxId: number): Promise<AgentBotRow | undefined> {
    return db.selectFrom('agent_bot_inboxes as l').innerJoin('agent_bots as b', 'b.id', 'l.agent_bot_id')
      .selectAll('b').where('l.account_id', '=', accountId).where('l.inbox_id', '=', inboxId).executeTakeFirst();
  },

  /** Links the bot to the inbox (active), replacing the inbox's earlier bot. */
  async link(db: Executor, accountId: number, inboxId: number, botId: number): Promise<void> {
    const at = now();
    const updated = await db.updateTable('agent_bot_inboxes').set({ agent_bot_id: botId, updated_at: at })
      .where('account_id', '=', accountId).where('inbox_id', '=', inboxId).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await db.insertInto('agent_bot_inboxes').values({
        account_id: accountId, inbox_id: inboxId, agent_bot_id: botId, status: 0, created_at: at, updated_at: at,
      }).execute();
    }
  },

  async unlink(db: Executor, accountId: number, inboxId: number): Promise<void> {
    await db.deleteFrom('agent_bot_inboxes').where('account_id', '=', accountId).where('inbox_id', '=', inboxId).execute();
  },
};
