import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import { outsideReadMemo } from '../db/read-memo.js';
import type { JobRow } from '../db/schema.js';
import { now } from '../lib/clock.js';
import { LocalRuns } from './local-runs.js';
import {
  backoffMs, DEFAULT_ATTEMPTS, IDLE_HORIZON_MS, DEFAULT_JOBS_CONFIG, errorText,
  type JobHandler, type JobOptions, type Jobs, type JobsConfig,
} from './jobs.js';

/** How often the worker looks for jobs queued by other processes or come due. */
const POLL_MS = 250;
/** A running job's lease; a job still running past it is taken to have lost its worker. */
const LEASE_MS = 5 * 60_000;

/**
 * The embedded job engine: jobs are rows of the `jobs` table, so they survive a restart.
 * One worker loop per process claims due rows (SKIP LOCKED on PostgreSQL, so several
 * nodes share the work) and runs up to `concurrency` of them at once. A finished job's
 * row is deleted; a job that fails every attempt stays, in state `dead`.
 */
export class SqlQueue implements Jobs {
  readonly engine = 'sql' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly recurring = new Map<string, number>();
  private readonly active = new Set<Promise<void>>();
  private pumping: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private poller: NodeJS.Timeout | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly local: LocalRuns;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    readonly config: JobsConfig = DEFAULT_JOBS_CONFIG,
  ) {
    this.local = new LocalRuns(this.handlers, log);
  }

  register(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async enqueue(name: string, payload: Record<string, unknown>, options: JobOptions = {}): Promise<void> {
    const at = now();
    const delay = Math.max(0, options.delayMs ?? 0);
    await this.db.kysely.insertInto('jobs').values({
      name, payload, state: 'waiting', attempts: 0, max_attempts: Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS),
      run_at: at + delay, locked_until: null, dedupe_key: options.dedupeKey ?? null, last_error: null,
      created_at: at, updated_at: at,
    }).onConflict((oc) => oc.column('dedupe_key').where(sql.ref('state'), '=', sql.lit('waiting')).doNothing()).execute();
    this.wakeIn(delay);
  }

  runNow(name: string, payload: Record<string, unknown>): void {
    this.local.run(name, payload);
  }

  async every(name: string, intervalMs: number): Promise<void> {
    this.recurring.set(name, intervalMs);
    await this.enqueue(name, {}, { dedupeKey: `every:${name}`, attempts: 1 });
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.poller = setInterval(() => this.wake(), POLL_MS);
    this.poller.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poller) {
      clearInterval(this.poller);
      this.poller = null;
    }
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    await this.pumping;
    await Promise.allSettled([...this.active]);
    await this.local.stop();
  }

  async idle(): Promise<void> {
    for (;;) {
      await this.local.settled();
      this.wake();
      await this.pumping;
      if (this.active.size > 0) {
        await Promise.race([...this.active]);
        continue;
      }
      if (!(await this.hasPendingWork()) && !this.local.busy) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Jobs this worker runs that are retrying, running or due within the idle horizon; recurring jobs do not count. */
  private async hasPendingWork(): Promise<boolean> {
    const names = [...this.handlers.keys()].filter((name) => !this.recurring.has(name));
    if (names.length === 0) {
      return false;
    }
    const pending = await this.db.kysely.selectFrom('jobs').select('id')
      .where('name', 'in', names)
      .where((eb) => eb.or([
        eb('state', 'in', ['retrying', 'running']),
        eb.and([eb('state', '=', 'waiting'), eb('run_at', '<=', now() + IDLE_HORIZON_MS)]),
      ]))
      .limit(1).executeTakeFirst();
    return pending !== undefined;
  }

  /** Asks the loop to look for due jobs now. */
  private wake(): void {
    if (this.stopped) {
      return;
    }
    if (this.pumping) {
      this.again = true;
      return;
    }
    // A consumer enqueuing from inside the dispatcher's read memo wakes the worker: jobs read afresh.
    this.pumping = outsideReadMemo(() => this.pump()).finally(() => {
      this.pumping = null;
    });
  }

  private wakeIn(ms: number): void {
    if (ms <= 0) {
      this.wake();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.wake();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Claims and starts due jobs while there are free slots and due jobs. */
  private async pump(): Promise<void> {
    do {
      this.again = false;
      let claimed = 1;
      while (!this.stopped && claimed > 0) {
        const free = this.config.concurrency - this.active.size;
        if (free <= 0) {
          return;
        }
        const rows = await this.claim(free).catch((error) => {
          this.log.error({ err: error }, 'job claim failed');
          return [] as JobRow[];
        });
        claimed = rows.length;
        for (const row of rows) {
          const running: Promise<void> = this.run(row).finally(() => {
            this.active.delete(running);
            this.wake();
          });
          this.active.add(running);
        }
      }
    } while (this.again && !this.stopped);
  }

  /** Marks up to `limit` due jobs running (retaking those whose lease ran out) and returns them. */
  private async claim(limit: number): Promise<JobRow[]> {
    const names = [...this.handlers.keys()];
    if (names.length === 0) {
      return [];
    }
    const at = now();
    let due = this.db.kysely.selectFrom('jobs').select('id')
      .where('name', 'in', names)
      .where((eb) => eb.or([
        eb.and([eb('state', 'in', ['waiting', 'retrying']), eb('run_at', '<=', at)]),
        eb.and([eb('state', '=', 'running'), eb('locked_until', '<', at)]),
      ]))
      .orderBy('run_at').orderBy('id').limit(limit);
    if (this.db.dialect === 'postgres') {
      due = due.forUpdate().skipLocked();
    }
    return this.db.kysely.updateTable('jobs')
      .set((eb) => ({ state: 'running', attempts: eb('attempts', '+', 1), locked_until: at + LEASE_MS, updated_at: at }))
      .where('id', 'in', due).returningAll().execute()
      // RETURNING does not keep the subquery's order on PostgreSQL: start them oldest due first.
      .then((rows) => rows.sort((a, b) => a.run_at - b.run_at || a.id - b.id));
  }

  /** Runs one claimed job and records how it went; a recurring job's next run is queued first, so one always exists. */
  private async run(row: JobRow): Promise<void> {
    const handler = this.handlers.get(row.name);
    let failure: { error: unknown } | null = null;
    try {
      if (!handler) {
        throw new Error(`no handler for job ${row.name}`);
      }
      await handler(row.payload, { id: String(row.id), name: row.name, attempt: row.attempts, maxAttempts: row.max_attempts });
    } catch (error) {
      failure = { error };
    }
    const interval = this.recurring.get(row.name);
    if (interval !== undefined && !this.stopped) {
      await this.enqueue(row.name, {}, { dedupeKey: `every:${row.name}`, attempts: 1, delayMs: interval })
        .catch((error) => this.log.error({ err: error, job: row.name }, 'recurring job not rescheduled'));
    }
    if (failure === null || interval !== undefined) {
      if (failure !== null) {
        this.log.warn({ err: failure.error, job: row.name }, 'recurring job failed');
      }
      await this.db.kysely.deleteFrom('jobs').where('id', '=', row.id).execute()
        .catch((error) => this.log.error({ err: error, jobId: row.id }, 'finished job not removed'));
      return;
    }
    await this.recordFailure(row, failure.error).catch((e) => this.log.error({ err: e, jobId: row.id }, 'job failure not recorded'));
  }

  private async recordFailure(row: JobRow, error: unknown): Promise<void> {
    const at = now();
    const dead = row.attempts >= row.max_attempts;
    this.log.warn({ err: error, job: row.name, jobId: row.id, attempt: row.attempts, dead }, 'job failed');
    if (dead) {
      await this.db.kysely.updateTable('jobs')
        .set({ state: 'dead', locked_until: null, last_error: errorText(error), updated_at: at })
        .where('id', '=', row.id).execute();
      return;
    }
    const delay = backoffMs(this.config, row.attempts);
    await this.db.kysely.updateTable('jobs')
      .set({ state: 'retrying', run_at: at + delay, locked_until: null, last_error: errorText(error), updated_at: at })
      .where('id', '=', row.id).execute();
    this.wakeIn(delay);
  }
}
