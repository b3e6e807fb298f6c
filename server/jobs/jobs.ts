/**
 * Background jobs: one interface, two engines — a durable SQL table queue (the embedded
 * default, server/jobs/sql-queue.ts) and BullMQ on Redis (server/jobs/bullmq.ts).
 * Jobs take ids, re-read current state and are idempotent: every job runs at least once.
 */

/** How a job is queued. */
export interface JobOptions {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** While a job with this key waits to start, enqueueing another with the key does nothing. */
  dedupeKey?: string;
  /** Runs in all before the job is dead (default DEFAULT_ATTEMPTS). */
  attempts?: number;
}

/** What a handler learns about the run in hand. */
export interface JobRun {
  id: string;
  name: string;
  /** 1 for the first run. */
  attempt: number;
  maxAttempts: number;
}

/** A job handler; throwing schedules a retry with backoff, or marks the job dead after the last attempt. */
export type JobHandler = (payload: Record<string, unknown>, run: JobRun) => Promise<void>;

/** The job engine both implementations provide. */
export interface Jobs {
  readonly engine: 'sql' | 'bullmq';
  /** Backoff and concurrency this engine runs with. */
  readonly config: JobsConfig;
  /** Declares the handler of a job name; call before start(). */
  register(name: string, handler: JobHandler): void;
  /** Queues a job; durable once this resolves. */
  enqueue(name: string, payload: Record<string, unknown>, options?: JobOptions): Promise<void>;
  /**
   * Runs the handler of `name` in this process now, storing nothing (server/jobs/local-runs.ts):
   * only for work whose own state is durable and swept after a crash. stop() and idle() wait for it.
   */
  runNow(name: string, payload: Record<string, unknown>): void;
  /** Runs `name` every `intervalMs` (snooze wake-ups, cleanups); one run at a time across nodes. */
  every(name: string, intervalMs: number): Promise<void>;
  /** Starts the worker. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
  /**
   * Resolves once no job is running, retrying, or due within IDLE_HORIZON_MS (tests, benchmarks).
   * Recurring jobs and jobs delayed further than the horizon are not waited for.
   */
  idle(): Promise<void>;
}

/** Tuning shared by both engines. */
export interface JobsConfig {
  /** First retry delay; each later one doubles, with ±25% jitter. */
  baseBackoffMs: number;
  /** Longest delay between two attempts. */
  maxBackoffMs: number;
  /** Jobs run at once by this process. */
  concurrency: number;
}

/** How far ahead idle() looks for delayed jobs. */
export const IDLE_HORIZON_MS = 2000;

/** Runs before a job is dead unless enqueue says otherwise. */
export const DEFAULT_ATTEMPTS = 5;

/** Production tuning: 1 s, 2 s, 4 s … capped at 30 minutes. */
export const DEFAULT_JOBS_CONFIG: JobsConfig = { baseBackoffMs: 1000, maxBackoffMs: 30 * 60_000, concurrency: 16 };

/** Delay before the next run after `attempt` failed: exponential, capped, with ±25% jitter. */
export function backoffMs(config: JobsConfig, attempt: number): number {
  const exponential = Math.min(config.maxBackoffMs, config.baseBackoffMs * 2 ** Math.max(0, attempt - 1));
  const jitter = exponential * 0.25 * (Math.random() * 2 - 1);
  return Math.max(0, Math.round(exponential + jitter));
}

/** The error text kept on a failed job. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 2000);
}
