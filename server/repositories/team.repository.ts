import type { Executor } from '../db/dialect.js';
import type { TeamRow } from '../db/schema.js';

/** Teams of an account and their members. */
export const teamRepository = {
  findById(db: Executor, accountId: number, id: number): Promise<TeamRow | undefined> {
    return db.selectFrom('teams').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  findByIds(db: Executor, accountId: number, ids: number[]): Promise<TeamRow[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('teams').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
  },

  async isMember(db: Executor, teamId: number, userId: number): Promise<boolean> {
    const row = await db.selectFrom('team_members').select('id')
      .where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  },

  /** The ids among `teamIds` that the user is a member of. */
  async memberTeamIds(db: Executor, userId: number, teamIds: number[]): Promise<Set<number>> {
    if (teamIds.length === 0) {
      return new Set();
    }
    const rows = await db.selectFrom('team_members').select('team_id')
      .where('user_id', '=', userId).where('team_id', 'in', teamIds).execute();
    return new Set(rows.map((r) => r.team_id));
  },
};
