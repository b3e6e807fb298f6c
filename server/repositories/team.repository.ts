import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { TeamRow, TeamsTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Teams of an account and their members. */
export const teamRepository = {
  /** Every team of the account, oldest first. */
  list(db: Executor, accountId: number): Promise<TeamRow[]> {
    return db.selectFrom('teams').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
  },

  findById(db: Executor, accountId: number, id: number): Promise<TeamRow | undefined> {
    return db.selectFrom('teams').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  findByName(db: Executor, accountId: number, name: string): Promise<TeamRow | undefined> {
    return db.selectFrom('teams').selectAll().where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst();
  },

  findByIds(db: Executor, accountId: number, ids: number[]): Promise<TeamRow[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('teams').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
  },

  insert(db: Executor, values: Omit<Insertable<TeamsTable>, 'created_at' | 'updated_at'>): Promise<TeamRow> {
    const at = now();
    return db.insertInto('teams').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, accountId: number, id: number, values: Updateable<TeamsTable>): Promise<TeamRow> {
    return db.updateTable('teams').set({ ...values, updated_at: now() })
      .where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  /** Deletes the team; its memberships go with it and its conversations keep no team (foreign keys). */
  async remove(db: Executor, accountId: number, id: number): Promise<void> {
    await db.deleteFrom('team_members').where('team_id', '=', id).execute();
    await db.updateTable('conversations').set({ team_id: null, updated_at: now() })
      .where('account_id', '=', accountId).where('team_id', '=', id).execute();
    await db.deleteFrom('teams').where('account_id', '=', accountId).where('id', '=', id).execute();
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

  /** The member user ids of a team, in the order they joined. */
  async memberIds(db: Executor, teamId: number): Promise<number[]> {
    const rows = await db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).orderBy('id').execute();
    return rows.map((r) => r.user_id);
  },

  /** The member user ids of several teams of the account, without repeats. */
  async memberIdsOfTeams(db: Executor, accountId: number, teamIds: number[]): Promise<number[]> {
    if (teamIds.length === 0) {
      return [];
    }
    const rows = await db.selectFrom('team_members').innerJoin('teams', 'teams.id', 'team_members.team_id')
      .select('team_members.user_id').where('teams.account_id', '=', accountId)
      .where('team_members.team_id', 'in', teamIds).orderBy('team_members.id').execute();
    return [...new Set(rows.map((r) => r.user_id))];
  },

  async addMembers(db: Executor, teamId: number, userIds: number[]): Promise<void> {
    if (userIds.length === 0) {
      return;
    }
    const at = now();
    await db.insertInto('team_members')
      .values(userIds.map((userId) => ({ team_id: teamId, user_id: userId, created_at: at, updated_at: at })))
      .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
      .execute();
  },

  async removeMembers(db: Executor, teamId: number, userIds: number[]): Promise<void> {
    if (userIds.length === 0) {
      return;
    }
    await db.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', 'in', userIds).execute();
  },
};
