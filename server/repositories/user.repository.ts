import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { UserRow, UsersTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Users (agents and administrators); emails are stored downcased. */
export const userRepository = {
  findById(db: Executor, id: number): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByIds(db: Executor, ids: number[]): Promise<UserRow[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
  },

  /** The members of an account, ordered by name case-insensitively (Chatwoot's `order_by_full_name`). */
  listByAccount(db: Executor, accountId: number): Promise<UserRow[]> {
    return db.selectFrom('users').selectAll()
      .where('id', 'in', db.selectFrom('account_users').select('user_id').where('account_id', '=', accountId))
      .orderBy(sql`lower(name)`).orderBy('id').execute();
  },

  findByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  },

  findByUid(db: Executor, uid: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('uid', '=', uid).executeTakeFirst();
  },

  /** The user holding an outstanding reset-password or confirmation token (stored as its digest). */
  findByTokenDigest(db: Executor, column: 'reset_password_token' | 'confirmation_token', tokenDigest: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where(column, '=', tokenDigest).executeTakeFirst();
  },

  insert(db: Executor, values: Omit<Insertable<UsersTable>, 'created_at' | 'updated_at'>): Promise<UserRow> {
    const at = now();
    return db.insertInto('users').values({ ...values, created_at: at, updated_at: at })
      .returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, id: number, values: Updateable<UsersTable>): Promise<UserRow> {
    return db.updateTable('users').set({ ...values, updated_at: now() }).where('id', '=', id)
      .returningAll().executeTakeFirstOrThrow();
  },

  async remove(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('users').where('id', '=', id).execute();
  },
};
