import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { createRequire } from 'node:module';
import type pg from 'pg';
import { ensureDirFor } from '../env.js';
import type { Database } from './schema.js';
import { QueryStats } from './query-stats.js';
import { withValues } from './values-dialect.js';

export type DialectName = 'sqlite' | 'postgres';

const OPTIMIZE_EVERY_MS = 60 * 60 * 1000;

/** An open database: the Kysely instance, which engine it is, and how to close it. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

const load = createRequire(import.meta.url);

/** The pg driver, loaded on first use (an embedded SQLite install never needs its memory). */
function loadPg(): typeof pg {
  const driver = load('pg') as typeof pg;
  // bigint (epoch ms, counts) as JS numbers: every value we store fits in 2^53.
  driver.types.setTypeParser(20, (value) => Number(value));
  driver.types.setTypeParser(1700, (value) => Number(value));
  return driver;
}

/** Which engine a DATABASE_URL names. */
export function dialectOf(url: string): DialectName {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

/** Opens the SQLite file with the pragmas Parley relies on (WAL, foreign keys, busy wait). */
export function openSqlite(file: string): SqliteDatabase.Database {
  if (file !== ':memory:') {
    ensureDirFor(file);
  }
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // Planner statistics: without them SQLite can pick the wrong index on large accounts
  // (unread counts scanned every message). Bounded sampling keeps this cheap on any size.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  cacheStatements(sqlite);
  return sqlite;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every SQLite statement afresh; preparing cost about as much CPU as
 * running them. Statements are reusable (the driver runs one at a time), so keep the
 * most recent ones by SQL text. SQLite re-prepares a cached statement itself if the
 * schema changes under it.
 */
function cacheStatements(sqlite: SqliteDatabase.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SqliteDatabase.Statement>();
  sqlite.prepare = ((source: string, ...internal: unknown[]) => {
    if (internal.length > 0) {
      // better-sqlite3's own helpers (pragma) pass extra arguments and then reconfigure the statement.
      return (prepare as (...args: unknown[]) => SqliteDatabase.Statement)(source, ...internal);
    }
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
    } else {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) {
        cache.delete(cache.keys().next().value as string);
      }
    }
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

/** Connects to the database a DATABASE_URL names. */
export function connect(url: string, options: { poolSize?: number } = {}): Db {
  const dialect = dialectOf(url);
  const stats = QueryStats.fromEnv();
  const log = stats?.log;
  const report = () => stats?.flush();
  if (dialect === 'sqlite') {
    const sqlite = openSqlite(url.slice('sqlite:'.length));
    const kysely = new Kysely<Database>({
      dialect: withValues(new SqliteDialect({ database: sqlite }), 'sqlite'),
      log,
    });
    // Statistics follow the data as it grows: refresh them hourly, as SQLite recommends.
    const optimizer = setInterval(() => sqlite.pragma('optimize'), OPTIMIZE_EVERY_MS);
    optimizer.unref();
    return {
      kysely,
      dialect,
      close: async () => {
        clearInterval(optimizer);
        report();
        await kysely.destroy();
      },
    };
  }
  const pool = new (loadPg().Pool)({ connectionString: url, max: options.poolSize ?? 10 });
  const kysely = new Kysely<Database>({
    dialect: withValues(new PostgresDialect({ pool }), 'postgres'),
    log,
  });
  return { kysely, dialect, close: async () => { report(); await kysely.destroy(); } };
}
