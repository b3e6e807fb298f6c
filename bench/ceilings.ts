import pg from 'pg';
import { openSqlite } from '../server/db/connect.js';
import { runLoad, type LoadResult } from './load.js';
import { startCeilingServer, type Child } from './processes.js';

/** The bare Fastify ceiling process, started once per run and measured at each body size a scenario needs. */
export class HttpCeiling {
  private child: Child | null = null;
  private readonly measured = new Map<string, LoadResult>();
  /** Seconds from spawn to the first 200 of the first start. */
  startSeconds = NaN;

  private async server(): Promise<Child> {
    if (!this.child) {
      const { child, seconds } = await startCeilingServer();
      this.child = child;
      this.startSeconds = seconds;
    }
    return this.child;
  }

  /** Max throughput of the bare route answering `bytes` of JSON to `method` requests (with `bodyBytes` of JSON sent on POST). */
  async measure(method: 'GET' | 'POST', bytes: number, connections: number, seconds: number, bodyBytes = 0): Promise<LoadResult> {
    const key = `${method}:${bytes}:${bodyBytes}:${connections}:${seconds}`;
    let result = this.measured.get(key);
    if (!result) {
      const child = await this.server();
      const body = JSON.stringify({ content: 'x'.repeat(Math.max(0, bodyBytes - 14)) });
      const path = `/json/${bytes}`;
      result = await runLoad({ port: child.port, method, connections, seconds, next: () => (method === 'POST' ? { path, body } : { path }) });
      this.measured.set(key, result);
    }
    return result;
  }

  async stop(): Promise<void> {
    await this.child?.stop();
    this.child = null;
  }
}

/** Raw single-row insert+commit rate into `messages` (the table message create writes), and how many rows it made. */
export interface DbWriteCeiling {
  rowsPerSecond: number;
  rows: number;
  seconds: number;
}

const INSERT_COLUMNS = 'account_id, inbox_id, conversation_id, message_type, content_type, content, content_attributes, private, status, '
  + 'sender_type, sender_id, external_source_ids, additional_attributes, sentiment, created_at, updated_at';
const MAX_ROWS = 2_000_000;

/**
 * SQLite: better-sqlite3 with Parley's pragmas (WAL, synchronous=NORMAL), one autocommitted
 * INSERT per row, as fast as one connection can go (SQLite has one writer). Rows are deleted afterwards.
 */
function sqliteWriteCeiling(file: string, seconds: number): DbWriteCeiling {
  const db = openSqlite(file);
  try {
    const target = db.prepare('SELECT account_id, inbox_id, id FROM conversations ORDER BY id LIMIT 1').get() as
      { account_id: number; inbox_id: number; id: number };
    const before = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM messages').get() as { id: number }).id;
    const insert = db.prepare(`INSERT INTO messages (${INSERT_COLUMNS}) VALUES (?, ?, ?, 0, 0, ?, '{}', 0, 0, 'Contact', NULL, '{}', '{}', '{}', ?, ?)`);
    const started = process.hrtime.bigint();
    const deadline = started + BigInt(Math.round(seconds * 1e9));
    let rows = 0;
    while (rows < MAX_ROWS && (rows % 256 !== 0 || process.hrtime.bigint() < deadline)) {
      const at = Date.now();
      insert.run(target.account_id, target.inbox_id, target.id, `ceiling ${rows}`, at, at);
      rows += 1;
    }
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    db.prepare('DELETE FROM messages WHERE id > ?').run(before);
    return { rowsPerSecond: rows / elapsed, rows, seconds: elapsed };
  } finally {
    db.close();
  }
}

/**
 * PostgreSQL: node-postgres, `connections` clients each sending autocommitted single-row INSERTs
 * (the same concurrency as the HTTP load), so group commit helps as much as it can. Rows are deleted afterwards.
 */
async function postgresWriteCeiling(url: string, seconds: number, connections: number): Promise<DbWriteCeiling> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  try {
    const target = (await pool.query('SELECT account_id, inbox_id, id FROM conversations ORDER BY id LIMIT 1')).rows[0] as
      { account_id: number; inbox_id: number; id: number };
    const before = Number((await pool.query('SELECT coalesce(max(id), 0) AS id FROM messages')).rows[0].id);
    const text = `INSERT INTO messages (${INSERT_COLUMNS}) VALUES ($1, $2, $3, 0, 0, $4, '{}', false, 0, 'Contact', NULL, '{}', '{}', '{}', $5, $5)`;
    const started = process.hrtime.bigint();
    const deadlineMs = Date.now() + seconds * 1000;
    let rows = 0;
    const worker = async () => {
      while (rows < MAX_ROWS && Date.now() < deadlineMs) {
        rows += 1;
        await pool.query({ name: 'bench-ceiling-insert', text, values: [target.account_id, target.inbox_id, target.id, `ceiling ${rows}`, Date.now()] });
      }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    await pool.query('DELETE FROM messages WHERE id > $1', [before]);
    return { rowsPerSecond: rows / elapsed, rows, seconds: elapsed };
  } finally {
    await pool.end();
  }
}

/** The DB write ceiling of the run's database (same driver and settings as the server). */
export function measureDbWriteCeiling(databaseUrl: string, seconds: number, connections: number): Promise<DbWriteCeiling> {
  if (databaseUrl.startsWith('sqlite:')) {
    return Promise.resolve(sqliteWriteCeiling(databaseUrl.slice('sqlite:'.length), seconds));
  }
  return postgresWriteCeiling(databaseUrl, seconds, connections);
}
