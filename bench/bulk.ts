import type SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { openSqlite } from '../server/db/connect.js';

/** Multi-row inserts straight through the driver (no query builder), for seeding large accounts fast. */
export interface BulkWriter {
  /** Inserts the rows, several hundred per statement; returns the `returning` columns of each row when asked. */
  insert(table: string, columns: string[], rows: unknown[][], returning?: string[]): Promise<Record<string, unknown>[]>;
  /** Runs `work` in one transaction. */
  transaction(work: () => Promise<void>): Promise<void>;
  /**
   * Drops the table's secondary indexes and returns a function that recreates them with their
   * exact definitions (a bulk load then builds each index once instead of row by row).
   */
  withoutIndexes(table: string): Promise<() => Promise<void>>;
  /**
   * Refreshes the planner's statistics where the engine would do it by itself soon after
   * (PostgreSQL's autovacuum); on SQLite only when `force`d, since nothing does it there.
   */
  analyze(force: boolean): Promise<void>;
  close(): Promise<void>;
}

/** Rows per statement: at most 500, and within the engine's bound-parameter limit. */
export function rowsPerStatement(columns: number, maxParams: number): number {
  return Math.max(1, Math.min(500, Math.floor(maxParams / columns)));
}

/** JSON objects as text, booleans as 1/0 where the engine has no boolean (what server/db/values-dialect.ts does). */
function toParam(value: unknown, booleansAsIntegers: boolean): unknown {
  if (typeof value === 'boolean') {
    return booleansAsIntegers ? (value ? 1 : 0) : value;
  }
  if (value !== null && typeof value === 'object') {
    return JSON.stringify(value);
  }
  return value;
}

/** `INSERT INTO t (a, b) VALUES (…), (…)` with `?` or `$n` placeholders. */
export function insertSql(table: string, columns: string[], rowCount: number, numbered: boolean, returning: string[] = []): string {
  let n = 0;
  const tuple = () => `(${columns.map(() => (numbered ? `$${++n}` : '?')).join(', ')})`;
  const values = Array.from({ length: rowCount }, tuple).join(', ');
  const tail = returning.length > 0 ? ` RETURNING ${returning.join(', ')}` : '';
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}${tail}`;
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) {
    out.push(rows.slice(i, i + size));
  }
  return out;
}

class SqliteBulkWriter implements BulkWriter {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();
  constructor(private readonly db: SqliteDatabase.Database) {}

  private statement(sql: string): SqliteDatabase.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async insert(table: string, columns: string[], rows: unknown[][], returning: string[] = []): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (const chunk of chunks(rows, rowsPerStatement(columns.length, 32_000))) {
      const statement = this.statement(insertSql(table, columns, chunk.length, false, returning));
      const params = chunk.flatMap((row) => row.map((v) => toParam(v, true)));
      if (returning.length > 0) {
        out.push(...(statement.all(...params) as Record<string, unknown>[]));
      } else {
        statement.run(...params);
      }
    }
    return out;
  }

  async transaction(work: () => Promise<void>): Promise<void> {
    this.db.exec('BEGIN');
    try {
      await work();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  async withoutIndexes(table: string): Promise<() => Promise<void>> {
    const indexes = this.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
      .all(table) as Array<{ name: string; sql: string }>;
    for (const index of indexes) {
      this.db.exec(`DROP INDEX "${index.name}"`);
    }
    this.statements.clear();
    return async () => {
      for (const index of indexes) {
        this.db.exec(index.sql);
      }
    };
  }

  async analyze(force: boolean): Promise<void> {
    // SQLite gathers no statistics by itself; a Parley deployment runs without them, and so does the bench unless asked.
    if (force) {
      this.db.exec('ANALYZE');
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

class PostgresBulkWriter implements BulkWriter {
  constructor(private readonly client: pg.Client) {}

  async insert(table: string, columns: string[], rows: unknown[][], returning: string[] = []): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (const chunk of chunks(rows, rowsPerStatement(columns.length, 60_000))) {
      const params = chunk.flatMap((row) => row.map((v) => toParam(v, false)));
      const result = await this.client.query(insertSql(table, columns, chunk.length, true, returning), params);
      out.push(...(result.rows as Record<string, unknown>[]));
    }
    return out;
  }

  async transaction(work: () => Promise<void>): Promise<void> {
    await this.client.query('BEGIN');
    try {
      await work();
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK');
      throw error;
    }
  }

  async withoutIndexes(table: string): Promise<() => Promise<void>> {
    const { rows } = await this.client.query(
      `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = $1
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`, [table]);
    for (const index of rows as Array<{ name: string; sql: string }>) {
      await this.client.query(`DROP INDEX "${index.name}"`);
    }
    return async () => {
      for (const index of rows as Array<{ name: string; sql: string }>) {
        await this.client.query(index.sql);
      }
    };
  }

  async analyze(): Promise<void> {
    await this.client.query('ANALYZE');
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** A bulk writer on the database a DATABASE_URL names (SQLite with Parley's pragmas). */
export async function openBulkWriter(url: string): Promise<BulkWriter> {
  if (url.startsWith('sqlite:')) {
    return new SqliteBulkWriter(openSqlite(url.slice('sqlite:'.length)));
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SET synchronous_commit TO off');
  return new PostgresBulkWriter(client);
}
