import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  backoffMs, DEFAULT_ATTEMPTS, DEFAULT_JOBS_CONFIG, IDLE_HORIZON_MS, type JobHandler, type JobOptions, type Jobs, type JobsConfig,
} from './jobs.js';
import { LocalRuns } from './local-runs.js';
import { DEAD_JOB_RETENTION_MS } from './prune-dead-jobs.job.js';

/** The queue every Parley node shares unless told otherwise (its keys sit under the Redis prefix). */
export const DEFAULT_QUEUE_NAME = 'jobs';

/**
 * The scaled-out job engine: BullMQ on Redis. Every node runs a worker on the same queue,
 * and BullMQ hands each job to one of them. Retries use the shared backoff (exponential
 * with jitter); a job that fails its last attempt is kept in BullMQ's failed set (dead).
 */
export class BullmqJobs implements Jobs {
  readonly engine = 'bullmq' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly recurring = new Set<string>();
  private readonly queue: Queue;
  private readonly connections: Redis[] = [];
  private worker: Worker | null = null;
  private readonly local: LocalRuns;

  constructor(
    private readonly redisUrl: string,
    private readonly log: Logger,
    readonly config: JobsConfig = DEFAULT_JOBS_CONFIG,
    private readonly queueName: string = DEFAULT_QUEUE_NAME,
    /** Namespace of the queue's Redis keys (REDIS_PREFIX), so installations can share one Redis. */
    private readonly prefix: string = 'parley',
  ) {
    this.queue = new Queue(queueName, { connection: this.connection(), prefix });
    this.queue.on('error', (error) => this.log.warn({ err: error }, 'job queue error'));
    this.local = new LocalRuns(this.handlers, log);
  }

  private connection(): Redis {
    const redis = new Redis(this.redisUrl, { maxRetriesPerRequest: null });
    redis.on('error', (error) => this.log.warn({ err: error }, 'job queue redis error'));
    this.connections.push(redis);
    return redis;
  }

  register(name: string, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async enqueue(name: string, payload: Record<string, unknown>, options: JobOptions = {}): Promise<void> {
    await this.queue.add(name, payload, {
      delay: Math.max(0, options.delayMs ?? 0),
      attempts: Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS),
      backoff: { type: 'parley' },
      removeOnComplete: true,
      // Failed (dead) jobs stay for inspection as long as the SQL queue keeps them, and at most 10,000.
      removeOnFail: { age: DEAD_JOB_RETENTION_MS / 1000, count: 10_000 },
      ...(options.dedupeKey ? { deduplication: { id: options.dedupeKey } } : {}),
    });
  }

  runNow(name: string, payload: Record<string, unknown>): void {
    this.local.run(name, payload);
  }

  async every(name: string, intervalMs: number): Promise<void> {
    this.recurring.add(name);
    await this.queue.upsertJobScheduler(name, { every: intervalMs }, {
      name, data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: true },
    });
  }

  async start(): Promise<void> {
    this.worker = new Worker(this.queueName, (job: Job) => this.process(job), {
      connection: this.connection(),
      prefix: this.prefix,
      concurrency: this.config.concurrency,
      settings: { backoffStrategy: (attemptsMade: number) => backoffMs(this.config, attemptsMade) },
    });
    this.worker.on('error', (error) => this.log.warn({ err: error }, 'job worker error'));
    this.worker.on('failed', (job, error) => this.log.warn({ err: error, job: job?.name, jobId: job?.id }, 'job failed'));
    await this.worker.waitUntilReady();
  }

  private async process(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) {
      throw new Error(`no handler for job ${job.name}`);
    }
    await handler(job.data as Record<string, unknown>, {
      id: String(job.id), name: job.name, attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1,
    });
  }

  async stop(): Promise<void> {
    await this.local.stop();
    await this.worker?.close();
    this.worker = null;
    await this.queue.close();
    for (const redis of this.connections) {
      redis.disconnect();
    }
  }

  async idle(): Promise<void> {
    for (;;) {
      await this.local.settled();
      const counts = await this.queue.getJobCounts('wait', 'active', 'prioritized', 'waiting-children');
      const busy = Object.values(counts).some((n) => n > 0);
      if (!busy && !this.local.busy && !(await this.hasDueOrRetryingDelayed())) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Delayed jobs that are retries or due within the idle horizon; recurring jobs do not count. */
  private async hasDueOrRetryingDelayed(): Promise<boolean> {
    const delayed = await this.queue.getDelayed();
    const at = Date.now();
    return delayed.some((job) => !this.recurring.has(job.name) && (job.attemptsMade > 0 || job.timestamp + (job.opts.delay ?? 0) <= at + IDLE_HORIZON_MS));
  }

  /** Removes every job of the queue (tests). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }

  /** Jobs BullMQ gave up on (the dead set), for tests and operators. */
  async deadJobs(): Promise<Array<{ name: string; data: unknown; attemptsMade: number; failedReason: string }>> {
    const failed = await this.queue.getFailed();
    return failed.map((job) => ({ name: job.name, data: job.data, attemptsMade: job.attemptsMade, failedReason: job.failedReason }));
  }
}
