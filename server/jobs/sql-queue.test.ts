import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import { buildTestApp } from '../test/harness.js';
import { eventually, jobsContract } from './jobs-contract.js';
import type { JobsConfig } from './jobs.js';
import { SqlQueue } from './sql-queue.js';

const CONFIG: JobsConfig = { baseBackoffMs: 20, maxBackoffMs: 100, concurrency: 4 };

describe('SQL table job queue', async () => {
  const t = await buildTestApp();
  const log = pino({ level: 'silent' });
  const made: SqlQueue[] = [];
  after(() => Promise.all(made.map((q) => q.stop())));
  const make = async () => {
    const queue = new SqlQueue(t.deps.db, log, CONFIG);
    made.push(queue);
    return queue;
  };

  jobsContract(make);

  it('keeps queued jobs across a restart and runs them in the next process', async () => {
    const first = await make();
    first.register('s-restart', async () => undefined);
    await first.enqueue('s-restart', { n: 1 });
    await first.enqueue('s-restart', { n: 2 }, { delayMs: 50 });
    await first.stop();
    const seen: unknown[] = [];
    const second = await make();
    second.register('s-restart', async (payload) => {
      seen.push(payload.n);
    });
    await second.start();
    await eventually(() => seen.length === 2);
    assert.deepEqual(seen, [1, 2]);
  });

  it('keeps a dead job with its error, and retakes a job whose worker died', async () => {
    const queue = await make();
    queue.register('s-dead', async () => {
      throw new Error('receiver on fire');
    });
    await queue.start();
    await queue.enqueue('s-dead', {}, { attempts: 1 });
    await queue.idle();
    const dead = await t.deps.db.kysely.selectFrom('jobs').selectAll().where('name', '=', 's-dead').execute();
    assert.deepEqual(dead.map((j) => [j.state, j.attempts, j.last_error]), [['dead', 1, 'receiver on fire']]);

    const at = Date.now();
    await t.deps.db.kysely.insertInto('jobs').values({
      name: 's-orphan', payload: {}, state: 'running', attempts: 1, max_attempts: 3, run_at: at, locked_until: at - 1,
      dedupe_key: null, last_error: null, created_at: at, updated_at: at,
    }).execute();
    let attempt = 0;
    queue.register('s-orphan', async (_payload, run) => {
      attempt = run.attempt;
    });
    await eventually(() => attempt > 0);
    assert.equal(attempt, 2);
  });
});
