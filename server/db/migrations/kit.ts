import { sql, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';
import { isPostgres } from '../dialect.js';

export type Table = CreateTableBuilder<string, string>;

/** What every migration builds tables with, the same on both engines. */
export interface MigrationKit {
  pg: boolean;
  /** jsonb on PostgreSQL, text on SQLite (values-dialect.ts maps the values). */
  json: RawBuilder<unknown>;
  /**
   * Creates a table with an auto-increment `id` first and `created_at` (and, unless told
   * otherwise, `updated_at`) epoch-ms columns last.
   */
  table(name: string, build: (t: Table) => Table, options?: { updatedAt?: boolean }): Promise<void>;
  index(name: string, tableName: string, columns: string[], unique?: boolean): Promise<void>;
}

export function migrationKit(db: Kysely<unknown>): MigrationKit {
  const pg = isPostgres(db);
  return {
    pg,
    json: pg ? sql`jsonb` : sql`text`,
    table: (name, build, options = {}) => {
      let t = db.schema.createTable(name) as Table;
      t = pg
        ? t.addColumn('id', 'serial', (c) => c.primaryKey())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
      t = build(t).addColumn('created_at', 'bigint', (c) => c.notNull());
      if (options.updatedAt ?? true) {
        t = t.addColumn('updated_at', 'bigint', (c) => c.notNull());
      }
      return t.execute();
    },
    index: (name, tableName, columns, unique = false) => {
      const b = db.schema.createIndex(name).on(tableName).columns(columns);
      return (unique ? b.unique() : b).execute();
    },
  };
}
