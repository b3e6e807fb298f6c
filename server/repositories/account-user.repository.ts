import type { Insertable, Updateable } from 'kysely';
import { lockingClause, type Executor } from '../db/dialect.js';
import type { AccountUserRow, AccountUsersTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Memberships of users in accounts, with their role and availability. */
export const accountUserRepository = {
  find(db: Executor, accountId: number, userId: number): Promise<AccountUserRow | undefined> {
    return db.selectFrom('account_users').selectAll()
      .where('account_id', '=', accountId).where('user_id', '=', userId).executeTakeFirst();
  },

  listByAccount(db: Executor, accountId: number): Promise<AccountUserRow[]> {
    return db.selectFrom('account_users').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
  },

  /** The memberships in the account of the given users (users without one are left out). */
  findMany(db: Executor, accountId: number, userIds: number[]): Promise<AccountUserRow[]> {
    if (userIds.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('account_users').selectAll()
      .where('account_id', '=', accountId).where('user_id', 'in', userIds).execute();
  },

  /**
   * How many administrators of the account have confirmed their email, leaving out
   * `exceptUserId`; locks the account row first (PostgreSQL) so two concurrent removals
   * of administrators cannot both see the other one remaining.
   */
  async countVerifiedAdministrators(db: Executor, accountId: number, exceptUserId: number): Promise<number> {
    await db.selectFrom('accounts').select('id').where('id', '=', accountId).modifyEnd(lockingClause(db)).execute();
    const row = await db.selectFrom('account_users')
      .innerJoin('users', 'users.id', 'account_users.user_id')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('account_users.account_id', '=', accountId).where('account_users.role', '=', 1)
      .where('users.confirmed_at', 'is not', null).where('account_users.user_id', '!=', exceptUserId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The email addresses of the account's administrators, oldest user first. */
  async administratorEmails(db: Executor, accountId: number): Promise<string[]> {
    const rows = await db.selectFrom('account_users').innerJoin('users', 'users.id', 'account_users.user_id')
      .select('users.email').where('account_users.account_id', '=', accountId).where('account_users.role', '=', 1)
      .orderBy('users.id').execute();
    return rows.map((r) => r.email);
  },

  /** How many administrators the account has. */
  async countAdministrators(db: Executor, accountId: number): Promise<number> {
    const row = await db.selectFrom('account_users').select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('account_id', '=', accountId).where('role', '=', 1).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  listByUser(db: Executor, userId: number): Promise<AccountUserRow[]> {
    return db.selectFrom('account_users').selectAll().where('user_id', '=', userId).orderBy('account_id').execute();
  },

  insert(db: Executor, values: Omit<Insertable<AccountUsersTable>, 'created_at' | 'updated_at'>): Promise<AccountUserRow> {
    const at = now();
    return db.insertInto('account_users').values({ ...values, created_at: at, updated_at: at })
      .returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, id: number, values: Updateable<AccountUsersTable>): Promise<AccountUserRow> {
    return db.updateTable('account_users').set({ ...values, updated_at: now() }).where('id', '=', id)
      .returningAll().executeTakeFirstOrThrow();
  },

  async remove(db: Executor, accountId: number, userId: number): Promise<void> {
    await db.deleteFrom('account_users').where('account_id', '=', accountId).where('user_id', '=', userId).execute();
  },

  /** Takes the user out of every team of the account (part of leaving the account). */
  async removeTeamMemberships(db: Executor, accountId: number, userId: number): Promise<void> {
    await db.deleteFrom('team_members').where('user_id', '=', userId)
      .where('team_id', 'in', db.selectFrom('teams').select('id').where('account_id', '=', accountId))
      .execute();
  },

  /** Unassigns the user from the account's conversations (part of leaving the account). */
  async unassignConversations(db: Executor, accountId: number, userId: number): Promise<void> {
    await db.updateTable('conversations').set({ assignee_id: null })
      .where('account_id', '=', accountId).where('assignee_id', '=', userId).execute();
  },
};
