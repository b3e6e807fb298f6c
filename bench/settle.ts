import { sql } from 'kysely';
import { connect } from '../server/db/connect.js';

/** What was left behind by a scenario and cleared so that the next one starts on an idle server. */
export interface Leftovers {
  events: number;
  jobs: number;
  webhooks: number;
}

async function countAndRun(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch {
    return 0;
  }
}

/**
 * Between scenarios (servers stopped): marks outbox events still pending as dispatched, drops
 * queued jobs and the account's webhooks. Otherwise the next scenario's server would spend its
 * first seconds on the previous scenario's backlog, and its figures would measure that.
 */
export async function settle(databaseUrl: string, accountId: number): Promise<Leftovers> {
  const db = connect(databaseUrl);
  try {
    const k = db.kysely;
    const events = await countAndRun(async () => {
      const r = await k.updateTable('events').set({ dispatched_at: Date.now() }).where('dispatched_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows);
    });
    const jobs = await countAndRun(async () => Number((await sql`DELETE FROM jobs`.execute(k)).numAffectedRows ?? 0));
    const webhooks = await countAndRun(async () => {
      const r = await k.deleteFrom('webhooks').where('account_id', '=', accountId).executeTakeFirst();
      return Number(r.numDeletedRows);
    });
    return { events, jobs, webhooks };
  } finally {
    await db.close();
  }
}
