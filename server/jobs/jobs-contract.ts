import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Jobs } from './jobs.js';

/** Waits until `check` holds, polling every 10 ms, failing after `ms`. */
export async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) {
      assert.fail('condition not reached in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * What every job engine must do, run against each engine's test file. `make` builds a
 * started engine; each case uses its own job names so cases never see each other's jobs.
 */
export function jobsContract(make: () => Promise<Jobs>): void {
  it('runs a job with its payload, once', async () => {
    const jobs = await make();
    const seen: unknown[] = [];
    jobs.register('c-run', async (payload, run) => {
      seen.push([payload, run.attempt, run.maxAttempts]);
    });
    await jobs.start();
    await jobs.enqueue('c-run', { id: 7 }, { attempts: 3 });
    await jobs.idle();
    assert.deepEqual(seen, [[{ id: 7 }, 1, 3]]);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const jobs = await make();
    const attempts: number[] = [];
    const times: number[] = [];
    jobs.register('c-retry', async (_payload, run) => {
      attempts.push(run.attempt);
      times.push(Date.now());
      if (run.attempt < 3) {
        throw new Error(`boom ${run.attempt}`);
      }
    });
    await jobs.start();
    await jobs.enqueue('c-retry', {}, { attempts: 5 });
    await eventually(() => attempts.length === 3);
    await jobs.idle();
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.ok(times[2] - times[1] >= 1, 'a delay between attempts');
  });

  it('stops after the last attempt (dead) and does not run the job again', async () => {
    const jobs = await make();
    let runs = 0;
    jobs.register('c-dead', async () => {
      runs += 1;
      throw new Error('always');
    });
    await jobs.start();
    await jobs.enqueue('c-dead', {}, { attempts: 2 });
    await eventually(() => runs === 2);
    await jobs.idle();
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(runs, 2);
  });

  it('delays a job', async () => {
    const jobs = await make();
    let ranAt = 0;
    jobs.register('c-delay', async () => {
      ranAt = Date.now();
    });
    await jobs.start();
    const queuedAt = Date.now();
    await jobs.enqueue('c-delay', {}, { delayMs: 300 });
    await eventually(() => ranAt > 0);
    assert.ok(ranAt - queuedAt >= 280, `ran after ${ranAt - queuedAt} ms`);
  });

  it('de-duplicates jobs with the same key while one waits', async () => {
    const jobs = await make();
    let runs = 0;
    jobs.register('c-dedupe', async () => {
      runs += 1;
    });
    await jobs.enqueue('c-dedupe', {}, { dedupeKey: 'same', delayMs: 100 });
    await jobs.enqueue('c-dedupe', {}, { dedupeKey: 'same', delayMs: 100 });
    await jobs.enqueue('c-dedupe', {}, { dedupeKey: 'other', delayMs: 100 });
    await jobs.start();
    await eventually(() => runs >= 2);
    await jobs.idle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(runs, 2);
  });

  it('runs recurring jobs again and again', async () => {
    const jobs = await make();
    let runs = 0;
    jobs.register('c-every', async () => {
      runs += 1;
    });
    await jobs.start();
    await jobs.every('c-every', 50);
    await eventually(() => runs >= 3);
  });

  it('runs a handler in process at once with runNow, once per waiting payload; idle and stop wait for it', async () => {
    const jobs = await make();
    const seen: unknown[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    jobs.register('c-now', async (payload) => {
      await gate;
      seen.push(payload);
    });
    await jobs.start();
    jobs.runNow('c-now', { id: 1 });
    let idle = false;
    const idled = jobs.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(idle, false, 'idle() waits for a handler run in process');
    release();
    await idled;
    assert.deepEqual(seen, [{ id: 1 }]);
  });

  it('does not retry a handler run in process that throws, and keeps running others', async () => {
    const jobs = await make();
    let runs = 0;
    jobs.register('c-now-fail', async (payload) => {
      runs += 1;
      if (payload.fail) {
        throw new Error('boom');
      }
    });
    await jobs.start();
    jobs.runNow('c-now-fail', { fail: true });
    jobs.runNow('c-now-fail', { fail: false });
    await jobs.idle();
    assert.equal(runs, 2);
  });
}
