import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import pg from 'pg';
import { buildApp } from '../app.js';
import type { Ctx, Deps } from '../context.js';
import { SYSTEM } from '../context.js';
import { connect, type Db } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { loadEnv, type Env } from '../env.js';
import type { DomainEvent, EventName } from '../events/catalog.js';
import { Dispatcher } from '../events/dispatcher.js';
import { eventFromRow } from '../events/outbox.js';
import type { JobsConfig } from '../jobs/jobs.js';
import { registerBackgroundWork } from '../jobs/setup.js';
import { SqlQueue } from '../jobs/sql-queue.js';
import { MemoryPresence } from '../realtime/presence.js';
import { createMailer } from '../mail/mailer.js';
import type { App } from '../routes/types.js';
import { RecordingConsumer } from './consumer.js';

/** Which engine this test process runs on: PARLEY_TEST_DB=sqlite (default) or postgres (with DATABASE_URL). */
export const TEST_DB: 'sqlite' | 'postgres' = process.env.PARLEY_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface TestApp {
  app: App;
  deps: Deps;
  /** Every event the dispatcher delivered. */
  events: RecordingConsumer;
  /** Sends a request through the app; `token` goes in `api_access_token`. */
  request(method: string, url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  /** An operation context on the app's database. */
  ctx(accountId: number, actor?: Ctx['actor']): Ctx;
  /** Waits until every committed event is dispatched and every job it queued (retries included) has run. */
  settle(): Promise<void>;
  /** The account's events named `name` in the outbox, oldest first (recorded in the operation's transaction, dispatched or not). */
  recorded(accountId: number, name: EventName): Promise<DomainEvent[]>;
}

/** Job tuning for tests: the same engine as production, with retries milliseconds apart. */
export const TEST_JOBS_CONFIG: JobsConfig = { baseBackoffMs: 10, maxBackoffMs: 100, concurrency: 8 };

/** A fresh database of this file's own: a temp SQLite file, or a PostgreSQL schema. */
export async function isolatedDatabase(): Promise<{ url: string; dropAll: () => Promise<void> }> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  if (TEST_DB === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'parley-test-'));
    return { url: `sqlite:${join(dir, 'test.db')}`, dropAll: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.DATABASE_URL;
  if (!base?.startsWith('postgres')) {
    throw new Error('PARLEY_TEST_DB=postgres needs DATABASE_URL=postgres://…');
  }
  const schema = `${process.env.PARLEY_TEST_SCHEMA_PREFIX ?? 'test_'}${suffix}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    // Schemas are dropped by scripts/test.mjs after the whole run: dropping one while another
    // test file's migrator reads the catalog makes that read fail.
    dropAll: async () => undefined,
  };
}

/** Env for tests: private webhook targets allowed, a fixed secret, temp storage. */
export function testEnv(databaseUrl: string, overrides: Partial<Env> = {}): Env {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-data-'));
  return {
    ...loadEnv({ SECRET_KEY_BASE: 'test-secret-key-base', PARLEY_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
    databaseUrl,
    storageDir: join(dataDir, 'storage'),
    allowPrivateWebhookTargets: true,
    ...overrides,
  };
}

let shared: Promise<TestApp> | null = null;

/**
 * The app of this test file, built once on its own migrated database and closed after the file.
 * `env` overrides apply when the first call builds the app (e.g. `smtp` pointing at a test SMTP server).
 */
export function buildTestApp(options: { env?: Partial<Env> } = {}): Promise<TestApp> {
  shared ??= createTestApp(options.env ?? {});
  return shared;
}

async function createTestApp(envOverrides: Partial<Env>): Promise<TestApp> {
  const database = await isolatedDatabase();
  const env = testEnv(database.url, envOverrides);
  const db: Db = connect(env.databaseUrl, { poolSize: 5 });
  await migrate(db);
  const log = pino({ level: 'silent' });
  const dispatcher = new Dispatcher(db, log);
  const events = new RecordingConsumer();
  dispatcher.register(events);
  const jobs = new SqlQueue(db, log, TEST_JOBS_CONFIG);
  const mailer = createMailer(env, log);
  const deps: Deps = { env, db, log, dispatcher, redis: null, jobs, presence: new MemoryPresence(), mailer };
  registerBackgroundWork(deps);
  const app = await buildApp(deps);
  await app.ready();
  await jobs.start();
  after(async () => {
    await app.close();
    await dispatcher.stop();
    await deps.jobs.stop();
    await db.close();
    mailer.close();
    await database.dropAll();
    rmSync(env.dataDir, { recursive: true, force: true });
  });
  return {
    app,
    deps,
    events,
    request: (method, url, options = {}) => app.inject({
      method: method as 'GET',
      url,
      headers: { ...(options.token ? { api_access_token: options.token } : {}), ...options.headers },
      ...(options.body !== undefined ? { payload: options.body as string } : {}),
    }),
    ctx: (accountId, actor = SYSTEM) => ({ db: db.kysely, actor, accountId, env }),
    recorded: async (accountId, name) => (await db.kysely.selectFrom('events').selectAll()
      .where('account_id', '=', accountId).where('name', '=', name).orderBy('id').execute()).map(eventFromRow),
    settle: async () => {
      for (let round = 0; round < 1000; round++) {
        await dispatcher.drain();
        await deps.jobs.idle();
        const undelivered = await db.kysely.selectFrom('events').select('id').where('dispatched_at', 'is', null).limit(1).executeTakeFirst();
        if (!undelivered) {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('events still undelivered after 10 s');
    },
  };
}
