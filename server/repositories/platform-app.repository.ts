import type { Executor } from '../db/dialect.js';
import type { PlatformAppPermissiblesTable, PlatformAppRow } from '../db/schema.js';
import { now } from '../lib/clock.js';

type PermissibleType = PlatformAppPermissiblesTable['permissible_type'];

/** Platform apps and the resources each has created (its "permissibles"). */
export const platformAppRepository = {
  findById(db: Executor, id: number): Promise<PlatformAppRow | undefined> {
    return db.selectFrom('platform_apps').selectAll().where('id', '=', id).executeTakeFirst();
  },

  insert(db: Executor, name: string): Promise<PlatformAppRow> {
    const at = now();
    return db.insertInto('platform_apps').values({ name, created_at: at, updated_at: at })
      .returningAll().executeTakeFirstOrThrow();
  },

  async isPermissible(db: Executor, appId: number, type: PermissibleType, id: number): Promise<boolean> {
    const row = await db.selectFrom('platform_app_permissibles').select('id')
      .where('platform_app_id', '=', appId).where('permissible_type', '=', type).where('permissible_id', '=', id)
      .executeTakeFirst();
    return row !== undefined;
  },

  async listPermissibleIds(db: Executor, appId: number, type: PermissibleType): Promise<number[]> {
    const rows = await db.selectFrom('platform_app_permissibles').select('permissible_id')
      .where('platform_app_id', '=', appId).where('permissible_type', '=', type).orderBy('permissible_id').execute();
    return rows.map((r) => r.permissible_id);
  },

  async addPermissible(db: Executor, appId: number, type: PermissibleType, id: number): Promise<void> {
    const at = now();
    await db.insertInto('platform_app_permissibles')
      .values({ platform_app_id: appId, permissible_type: type, permissible_id: id, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['platform_app_id', 'permissible_type', 'permissible_id']).doNothing())
      .execute();
  },

  async removePermissible(db: Executor, type: PermissibleType, id: number): Promise<void> {
    await db.deleteFrom('platform_app_permissibles')
      .where('permissible_type', '=', type).where('permissible_id', '=', id).execute();
  },
};
