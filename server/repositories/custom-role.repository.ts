import type { Executor } from '../db/dialect.js';
import type { CustomRoleRow } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** An account's custom roles. */
export const customRoleRepository = {
  findById(db: Executor, accountId: number, id: number): Promise<CustomRoleRow | undefined> {
    return db.selectFrom('custom_roles').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  /** Custom roles by id, whatever their account (a user's memberships span accounts). */
  findByIds(db: Executor, ids: number[]): Promise<CustomRoleRow[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('custom_roles').selectAll().where('id', 'in', ids).execute();
  },

  listByAccount(db: Executor, accountId: number): Promise<CustomRoleRow[]> {
    return db.selectFrom('custom_roles').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
  },

  insert(db: Executor, values: { account_id: number; name: string; description: string | null; permissions: string[] }): Promise<CustomRoleRow> {
    const at = now();
    return db.insertInto('custom_roles').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, id: number, values: { name?: string; description?: string | null; permissions?: string[] }): Promise<CustomRoleRow> {
    return db.updateTable('custom_roles').set({ ...values, updated_at: now() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  async remove(db: Executor, id: number): Promise<void> {
    await db.updateTable('account_users').set({ custom_role_id: null }).where('custom_role_id', '=', id).execute();
    await db.deleteFrom('custom_roles').where('id', '=', id).execute();
  },
};
