import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTestApp } from '../test/harness.js';
import { DEAD_JOB_RETENTION_MS, PRUNE_DEAD_JOBS, pruneDeadJobsHandler } from './prune-dead-jobs.job.js';

describe('prune-dead-jobs job', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  it('deletes jobs dead for longer than the retention and keeps recent dead and live ones', async () => {
    t.deps.jobs.register('always-fails', async () => {
      throw new Error('boom');
    });
    await t.deps.jobs.enqueue('always-fails', { n: 1 }, { attempts: 1 });
    await t.deps.jobs.enqueue('always-fails', { n: 2 }, { attempts: 1 });
    await t.settle();
    const dead = await db.selectFrom('jobs').select(['id', 'state', 'last_error']).where('name', '=', 'always-fails').orderBy('id').execute();
    assert.deepEqual(dead.map((j) => [j.state, j.last_error]), [['dead', 'boom'], ['dead', 'boom']]);
    const old = Date.now() - DEAD_JOB_RETENTION_MS - 1000;
    await db.updateTable('jobs').set({ updated_at: old }).where('id', '=', dead[0].id).execute();
    await t.deps.jobs.enqueue('not-registered-here', {}, { delayMs: 3_600_000 });
    await db.updateTable('jobs').set({ updated_at: old, created_at: old }).where('name', '=', 'not-registered-here').execute();

    await pruneDeadJobsHandler(t.deps)({}, { id: '1', name: PRUNE_DEAD_JOBS, attempt: 1, maxAttempts: 1 });
    const left = await db.selectFrom('jobs').select(['id', 'name', 'state']).where('name', 'in', ['always-fails', 'not-registered-here']).orderBy('id').execute();
    assert.deepEqual(left.map((j) => [j.id, j.state]), [[dead[1].id, 'dead'], [left[1].id, 'waiting']]);
  });
});
