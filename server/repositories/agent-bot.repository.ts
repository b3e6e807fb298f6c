import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { AgentBotRow, AgentBotsTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Agent bots; `account_id` null marks a global bot made through the Platform API. */
export const agentBotRepository = {
  findById(db: Executor, id: number): Promise<AgentBotRow | undefined> {
    return db.selectFrom('agent_bots').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByIds(db: Executor, ids: number[]): Promise<AgentBotRow[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('agent_bots').selectAll().where('id', 'in', ids).execute();
  },

  /** The account's bots and the global (system) bots: AgentBot.accessible_to(account). */
  listAccessible(db: Executor, accountId: number): Promise<AgentBotRow[]> {
    return db.selectFrom('agent_bots').selectAll()
      .where((eb) => eb.or([eb('account_id', '=', accountId), eb('account_id', 'is', null)])).orderBy('id').execute();
  },

  /** One bot of the account or a global one; undefined otherwise. */
  findAccessible(db: Executor, accountId: number, id: number): Promise<AgentBotRow | undefined> {
    return db.selectFrom('agent_bots').selectAll().where('id', '=', id)
      .where((eb) => eb.or([eb('account_id', '=', accountId), eb('account_id', 'is', null)])).executeTakeFirst();
  },

  /** Ids of the bots that belong to the account. */
  async listIdsByAccount(db: Executor, accountId: number): Promise<number[]> {
    const rows = await db.selectFrom('agent_bots').select('id').where('account_id', '=', accountId).execute();
    return rows.map((r) => r.id);
  },

  /** True when the bot belongs to the account or is attached to one of its inboxes. */
  async mayAccessAccount(db: Executor, bot: AgentBotRow, accountId: number): Promise<boolean> {
    if (bot.account_id === accountId) {
      return true;
    }
    const link = await db.selectFrom('agent_bot_inboxes').select('id')
      .where('agent_bot_id', '=', bot.id).where('account_id', '=', accountId).executeTakeFirst();
    return link !== undefined;
  },

  insert(db: Executor, values: Omit<Insertable<AgentBotsTable>, 'created_at' | 'updated_at'>): Promise<AgentBotRow> {
    const at = now();
    return db.insertInto('agent_bots').values({ ...values, created_at: at, updated_at: at })
      .returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, id: number, values: Updateable<AgentBotsTable>): Promise<AgentBotRow> {
    return db.updateTable('agent_bots').set({ ...values, updated_at: now() }).where('id', '=', id)
      .returningAll().executeTakeFirstOrThrow();
  },

  async remove(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('agent_bots').where('id', '=', id).execute();
  },
};
