import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ensureDirFor } from '../env.js';
import type { Database } from './schema.js';
import { ValuesPlugin } from './values-plugin.js';

export type DialectName = 'sqlite' | 'postgres';

const OPTIMIZE_EVERY_MS = 60 * 60 * 1000;

/** An open database: the Kysely instance, which engine it is, and how to close it. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

// bigint (epoch ms, counts) as JS numbers: every value we store fits in 2^53.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));

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
  return sqlite;
}

/** Connects to the database a DATABASE_URL names. */
export function connect(url: string, options: { poolSize?: number } = {}): Db {
  const dialect = dialectOf(url);
  if (dialect === 'sqlite') {
    const sqlite = openSqlite(url.slice('sqlite:'.length));
    const kysely = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      plugins: [new ValuesPlugin(true)],
    });
    // Statistics follow the data as it grows: refresh them hourly, as SQLite recommends.
    const optimizer = setInterval(() => sqlite.pragma('optimize'), OPTIMIZE_EVERY_MS);
    optimizer.unref();
    return {
      kysely,
      dialect,
      close: async () => {
        clearInterval(optimizer);
        await kysely.destroy();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  const kysely = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new ValuesPlugin(false)],
  });
  return { kysely, dialect, close: () => kysely.destroy() };
}
