import type { Logger } from 'pino';
import { outsideReadMemo } from '../db/read-memo.js';
import type { JobHandler } from './jobs.js';

/** Handlers run at once by one process; more wait their turn in memory. */
const LOCAL_CONCURRENCY = 64;

/**
 * Runs registered job handlers in this process straight away, without a queue row or a
 * Redis round trip (`Jobs.runNow`). Nothing is stored: it is for work whose state is already
 * durable elsewhere and swept up after a crash — a webhook delivery is its own row, and the
 * resume sweep re-queues any that a dead process left half done. A failure is logged, not
 * retried: the caller's own record decides what happens next.
 *
 * Up to LOCAL_CONCURRENCY handlers run at once; the rest wait, and a payload already waiting
 * is not added twice.
 */
export class LocalRuns {
  private readonly waiting = new Map<string, { name: string; payload: Record<string, unknown> }>();
  private readonly active = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly handlers: ReadonlyMap<string, JobHandler>,
    private readonly log: Logger,
    private readonly concurrency = LOCAL_CONCURRENCY,
  ) {}

  run(name: string, payload: Record<string, unknown>): void {
    if (this.stopped) {
      return;
    }
    const key = `${name}\u0000${JSON.stringify(payload)}`;
    if (!this.waiting.has(key)) {
      this.waiting.set(key, { name, payload });
    }
    this.startWaiting();
  }

  /** True while a handler runs or waits. */
  get busy(): boolean {
    return this.active.size > 0 || this.waiting.size > 0;
  }

  /** Resolves once nothing runs or waits. */
  async settled(): Promise<void> {
    while (this.active.size > 0) {
      await Promise.allSettled([...this.active]);
    }
  }

  /** Drops what waits and lets what runs finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.clear();
    await this.settled();
  }

  private startWaiting(): void {
    for (const [key, work] of this.waiting) {
      if (this.active.size >= this.concurrency) {
        return;
      }
      this.waiting.delete(key);
      // Started from a consumer inside the dispatcher's read memo: a handler reads afresh.
      const running: Promise<void> = outsideReadMemo(() => this.execute(work.name, work.payload)).finally(() => {
        this.active.delete(running);
        this.startWaiting();
      });
      this.active.add(running);
    }
  }

  private async execute(name: string, payload: Record<string, unknown>): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) {
      this.log.error({ job: name }, 'no handler for a job run in process');
      return;
    }
    try {
      await handler(payload, { id: 'local', name, attempt: 1, maxAttempts: 1 });
    } catch (error) {
      this.log.warn({ err: error, job: name }, 'job run in process failed');
    }
  }
}
