import { PostgresAdapter, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { ContactRow, Database } from './schema.js';

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

/** `column` starts with `prefix`, ignoring case. */
export function startsWithIgnoringCase(db: Executor, column: Expression<unknown>, prefix: string): Expression<SqlBool> {
  const pattern = `${escapeLike(prefix)}%`;
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

/** Shortest query the trigram indexes answer; shorter ones match by prefix. */
export const TRIGRAM_MIN_LENGTH = 3;

/**
 * Contact search from an index, never a scan of the account's contacts: `q` inside
 * name, email or phone ignoring case, or inside identifier respecting case.
 * PostgreSQL: ILIKE/LIKE answered by the pg_trgm GIN index. SQLite: the FTS5 trigram
 * table `contacts_search` (a phrase query is a case-insensitive substring match), the
 * identifier hit re-checked for case. A `q` shorter than three characters has no
 * trigram: it matches as a prefix on the (account_id, column) indexes instead.
 */
export function contactSearchMatch(db: Executor, q: string): Expression<SqlBool> {
  const short = [...q].length < TRIGRAM_MIN_LENGTH;
  if (isPostgres(db)) {
    if (short) {
      const lower = `${escapeLike(q.toLowerCase())}%`;
      return sql<SqlBool>`(lower(contacts.name) LIKE ${lower} OR contacts.email LIKE ${lower}
        OR contacts.phone_number LIKE ${`${escapeLike(q)}%`} OR contacts.identifier LIKE ${`${escapeLike(q)}%`})`;
    }
    const pattern = `%${escapeLike(q)}%`;
    return sql<SqlBool>`(contacts.name ILIKE ${pattern} OR contacts.email ILIKE ${pattern}
      OR contacts.phone_number ILIKE ${pattern} OR contacts.identifier LIKE ${pattern})`;
  }
  if (short) {
    const lower = q.toLowerCase();
    const between = (column: string, low: string) => sql`(${sql.raw(column)} >= ${low} AND ${sql.raw(column)} < ${`${low}\u{10FFFF}`})`;
    return sql<SqlBool>`(${between('lower(contacts.name)', lower)} OR ${between('contacts.email', lower)}
      OR ${between('contacts.phone_number', q)} OR ${between('contacts.identifier', q)})`;
  }
  const phrase = `"${q.replace(/"/g, '""')}"`;
  return sql<SqlBool>`(contacts.id IN (SELECT rowid FROM contacts_search WHERE contacts_search MATCH ${`{name email phone_number} : ${phrase}`})
    OR (contacts.id IN (SELECT rowid FROM contacts_search WHERE contacts_search MATCH ${`identifier : ${phrase}`})
      AND instr(contacts.identifier, ${q}) > 0))`;
}

/**
 * SQLite, `q` of three characters or more: the first `count` contacts of the account, by
 * id, that contactSearchMatch matches — read in rowid order straight off the FTS5 table,
 * which stops after `count` hits, so a common substring (a mail domain, a word in half the
 * names) costs as little as a rare one. One phrase over the four columns; a hit is kept
 * when the identifier holds `q` exactly, or name, email or phone holds it ignoring case
 * (LIKE), or the identifier does not hold it even ignoring case (so the hit came from
 * another column). LIKE folds ASCII letters only, so where the index folded other letters
 * the two can disagree: a hit only in an identifier differing from `q` in such a letter
 * stays, and one in a name differing so is dropped when the identifier holds `q` in another
 * case. A `q` that only an identifier in another case matches has no index to cut it short
 * and reads every such hit. Null on PostgreSQL or for a shorter `q`: contactSearchMatch then.
 */
export async function contactSearchFirst(db: Executor, accountId: number, q: string, count: number): Promise<ContactRow[] | null> {
  if (isPostgres(db) || [...q].length < TRIGRAM_MIN_LENGTH) {
    return null;
  }
  const match = `{name email phone_number identifier} : "${q.replace(/"/g, '""')}"`;
  const like = `%${escapeLike(q)}%`;
  const result = await sql<ContactRow>`SELECT contacts.* FROM contacts_search
    JOIN contacts ON contacts.id = contacts_search.rowid
    WHERE contacts_search MATCH ${match} AND contacts.account_id = ${accountId}
      AND (instr(contacts.identifier, ${q}) > 0 OR contacts.name LIKE ${like} ESCAPE '\\' OR contacts.email LIKE ${like} ESCAPE '\\'
        OR contacts.phone_number LIKE ${like} ESCAPE '\\' OR NOT (coalesce(contacts.identifier, '') LIKE ${like} ESCAPE '\\'))
    ORDER BY contacts_search.rowid LIMIT ${count}`.execute(db);
  return result.rows;
}

/**
 * `column` (name, email or phone_number of contacts) contains `needle` ignoring case,
 * through the trigram index when the needle is long enough; a plain scan otherwise.
 */
export function contactColumnContains(db: Executor, column: 'name' | 'email' | 'phone_number', needle: string): Expression<SqlBool> {
  if (isPostgres(db) || [...needle].length < TRIGRAM_MIN_LENGTH) {
    return containsIgnoringCase(db, sql.ref(`contacts.${column}`), needle);
  }
  const query = `${column} : "${needle.replace(/"/g, '""')}"`;
  return sql<SqlBool>`contacts.id IN (SELECT rowid FROM contacts_search WHERE contacts_search MATCH ${query})`;
}

/** A top-level JSON key as a number when it holds one (a JSON number or numeric text); null otherwise. */
export function jsonNumber(db: Executor, column: Expression<unknown>, key: string): Expression<number | null> {
  if (isPostgres(db)) {
    return sql<number | null>`(CASE WHEN (${column} ->> ${key}) ~ '^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$' THEN (${column} ->> ${key})::numeric END)`;
  }
  const path = `$."${key.replace(/"/g, '')}"`;
  return sql<number | null>`(CASE json_type(${column}, ${path}) WHEN 'integer' THEN json_extract(${column}, ${path})
    WHEN 'real' THEN json_extract(${column}, ${path})
    WHEN 'text' THEN (CASE WHEN trim(json_extract(${column}, ${path})) GLOB '-[0-9]*' OR trim(json_extract(${column}, ${path})) GLOB '[0-9]*'
      THEN CAST(trim(json_extract(${column}, ${path})) AS REAL) END) END)`;
}

/** A top-level JSON key as the text 'true' / 'false' (a JSON boolean or such text); null otherwise. */
export function jsonBooleanText(db: Executor, column: Expression<unknown>, key: string): Expression<string | null> {
  if (isPostgres(db)) {
    return sql<string | null>`lower(${column} ->> ${key})`;
  }
  const path = `$."${key.replace(/"/g, '')}"`;
  return sql<string | null>`(CASE json_type(${column}, ${path}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false'
    WHEN 'text' THEN lower(json_extract(${column}, ${path})) END)`;
}

/**
 * Holds a lock named by (`namespace`, `id`) until the transaction ends: a transaction-level
 * advisory lock on PostgreSQL, which touches no row (so it cannot deadlock with row locks or
 * foreign-key checks); SQLite runs one write transaction at a time, so nothing is needed there.
 */
export async function transactionLock(db: Executor, namespace: number, id: number): Promise<void> {
  if (isPostgres(db)) {
    await sql`SELECT pg_advisory_xact_lock(${namespace}::int4, ${id}::int4)`.execute(db);
  }
}
