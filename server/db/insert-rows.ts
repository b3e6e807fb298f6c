import { CompiledQuery } from 'kysely';
import { isPostgres, type Executor } from './dialect.js';
import type { Database } from './schema.js';

/** Bound parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;
/** Rows per statement at most; a full statement's SQL text is built once and reused. */
const MAX_ROWS = 500;

const texts = new Map<string, string>();

function statementText(postgres: boolean, table: string, columns: readonly string[], rows: number, returning: readonly string[]): string {
  const key = `${postgres}|${table}|${columns.join(',')}|${rows}|${returning.join(',')}`;
  let text = texts.get(key);
  if (text === undefined) {
    let n = 0;
    const tuple = () => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`;
    const tuples = Array.from({ length: rows }, tuple).join(', ');
    const back = returning.length > 0 ? ` RETURNING ${returning.map((c) => `"${c}"`).join(', ')}` : '';
    text = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples}${back}`;
    if (texts.size > 200) {
      texts.clear();
    }
    texts.set(key, text);
  }
  return text;
}

/**
 * Multi-row INSERT for bulk work (imports), without the query builder: each row is an
 * array of values in `columns` order, sent as bound parameters through the same driver
 * (JSON and boolean values mapped as everywhere else). Statements of up to MAX_ROWS rows
 * share one SQL text, so the engine's prepared statement is reused. Returns the
 * `returning` columns of the inserted rows, statement by statement in row order.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Executor, table: T, columns: ReadonlyArray<keyof Database[T] & string>, rows: unknown[][], returning: ReadonlyArray<keyof Database[T] & string> = [],
): Promise<Array<Record<string, unknown>>> {
  const postgres = isPostgres(db);
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns.length)));
  const out: Array<Record<string, unknown>> = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const slice = rows.slice(i, i + perStatement);
    const parameters: unknown[] = [];
    for (const row of slice) {
      if (row.length !== columns.length) {
        throw new Error(`insertRows(${table}): a row has ${row.length} values for ${columns.length} columns`);
      }
      for (const value of row) {
        parameters.push(value);
      }
    }
    const result = await db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(statementText(postgres, table, columns, slice.length, returning), parameters),
    );
    if (returning.length > 0) {
      out.push(...result.rows);
    }
  }
  return out;
}
