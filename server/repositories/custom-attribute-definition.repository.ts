import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { CustomAttributeDefinitionRow, CustomAttributeDefinitionsTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

type NewDefinition = Omit<Insertable<CustomAttributeDefinitionsTable>, 'created_at' | 'updated_at'>;

/** The account's custom attribute definitions (contact and conversation attributes). */
export const customAttributeDefinitionRepository = {
  /** The account's definitions, oldest first; only those of `model` when given. */
  list(db: Executor, accountId: number, model?: number): Promise<CustomAttributeDefinitionRow[]> {
    let query = db.selectFrom('custom_attribute_definitions').selectAll().where('account_id', '=', accountId);
    if (model !== undefined) {
      query = query.where('attribute_model', '=', model);
    }
    return query.orderBy('id').execute();
  },

  findById(db: Executor, accountId: number, id: number): Promise<CustomAttributeDefinitionRow | undefined> {
    return db.selectFrom('custom_attribute_definitions').selectAll()
      .where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  findByKey(db: Executor, accountId: number, model: number, key: string): Promise<CustomAttributeDefinitionRow | undefined> {
    return db.selectFrom('custom_attribute_definitions').selectAll().where('account_id', '=', accountId)
      .where('attribute_model', '=', model).where('attribute_key', '=', key).executeTakeFirst();
  },

  /** The definitions of `model` with these keys: key → definition. */
  async findByKeys(db: Executor, accountId: number, model: number, keys: string[]): Promise<Map<string, CustomAttributeDefinitionRow>> {
    if (keys.length === 0) {
      return new Map();
    }
    const rows = await db.selectFrom('custom_attribute_definitions').selectAll().where('account_id', '=', accountId)
      .where('attribute_model', '=', model).where('attribute_key', 'in', [...new Set(keys)]).execute();
    return new Map(rows.map((row) => [row.attribute_key, row]));
  },

  insert(db: Executor, values: NewDefinition): Promise<CustomAttributeDefinitionRow> {
    const at = now();
    return db.insertInto('custom_attribute_definitions').values({ ...values, created_at: at, updated_at: at })
      .returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, accountId: number, id: number, values: Updateable<CustomAttributeDefinitionsTable>): Promise<CustomAttributeDefinitionRow> {
    return db.updateTable('custom_attribute_definitions').set({ ...values, updated_at: now() })
      .where('account_id', '=', accountId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  async remove(db: Executor, accountId: number, id: number): Promise<void> {
    await db.deleteFrom('custom_attribute_definitions').where('account_id', '=', accountId).where('id', '=', id).execute();
  },
};
