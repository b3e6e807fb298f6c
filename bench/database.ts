import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DbName } from './args.js';

/** The PostgreSQL server used when DATABASE_URL does not name one. */
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** Redis logical database 11, so the bench's queues and channels meet no one else's. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/11';

/** A database created for one bench run, and how to drop it. */
export interface BenchDatabase {
  dialect: DbName;
  /** The DATABASE_URL the server and the seeder use. */
  url: string;
  /** A scratch folder of the run (SQLite file, PARLEY_DATA_DIR). */
  dir: string;
  drop(): Promise<void>;
}

/** The same URL with another database name (path). */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Only loopback targets: the bench never sends load anywhere else. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (!(host === 'localhost' || host === '::1' || /^127\./.test(host))) {
    throw new Error(`the bench only talks to loopback addresses; ${host} is not one`);
  }
}

/** A fresh database for this run: a SQLite file in a scratch folder, or a new PostgreSQL database. */
export async function createBenchDatabase(dialect: DbName): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    return { dialect, url: `sqlite:${join(dir, 'bench.db')}`, dir, drop: async () => removeDir() };
  }
  const base = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL as string : DEFAULT_POSTGRES_URL;
  assertLoopback(base);
  const name = `parley_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const drop = async () => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
      removeDir();
    }
  };
  return { dialect, url: withDatabaseName(base, name), dir, drop };
}

/** The Redis URL of the run, or null when Redis is off. */
export function redisUrlOf(on: boolean): string | null {
  if (!on) {
    return null;
  }
  const url = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  assertLoopback(url);
  return url;
}
