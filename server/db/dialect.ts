import { PostgresAdapter, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from './schema.js';

/**
 * Every difference between SQLite and PostgreSQL lives here, so repositories and
 * finders stay dialect-free.
 */
export type Executor = Kysely<Database>;

/** True when the executor talks to PostgreSQL. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: migrations run before the typed one exists
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** `column` contains `needle`, ignoring case (ILIKE on PostgreSQL, LIKE on SQLite). */
export function containsIgnoringCase(db: Executor, column: Expression<unknown>, needle: string): Expression<SqlBool> {
  const pattern = `%${escapeLike(needle)}%`;
  return isPostgres(db)
    ? sql<SqlBool>`${column} ILIKE ${pattern} ESCAPE '\\'`
    : sql<SqlBool>`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/** `column` contains `needle`, respecting case (LIKE on PostgreSQL; instr() on SQLite, whose LIKE ignores case). */
export function containsRespectingCase(db: Executor, column: Expression<unknown>, needle: string): Expression<SqlBool> {
  return isPostgres(db)
    ? sql<SqlBool>`${column} LIKE ${`%${escapeLike(needle)}%`} ESCAPE '\\'`
    : sql<SqlBool>`instr(${column}, ${needle}) > 0`;
}

/** The text value of a top-level key of a JSON column (`col->>'key'`); null when absent. */
export function jsonText(db: Executor, column: Expression<unknown>, key: string): Expression<string | null> {
  return isPostgres(db)
    ? sql<string | null>`(${column} ->> ${key})`
    : sql<string | null>`json_extract(${column}, ${`$."${key.replace(/"/g, '')}"`})`;
}

/** Escapes LIKE wildcards so user input matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Row lock for read-modify-write inside a transaction (SQLite locks the whole file on write anyway). */
export function lockingClause(db: Executor): ReturnType<typeof sql> {
  return isPostgres(db) ? sql`FOR UPDATE` : sql``;
}

/** True when an error is a unique-constraint violation, in either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The unique-constraint error's detail text, to tell which column collided. */
export function uniqueViolationDetail(error: unknown): string {
  const e = error as { detail?: string; message?: string; constraint?: string };
  return `${e?.constraint ?? ''} ${e?.detail ?? ''} ${e?.message ?? ''}`;
}
