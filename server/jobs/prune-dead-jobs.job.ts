import type { Deps } from '../context.js';
import { now } from '../lib/clock.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem); it runs every PRUNE_DEAD_JOBS_EVERY_MS. */
export const PRUNE_DEAD_JOBS = 'prune-dead-jobs';
export const PRUNE_DEAD_JOBS_EVERY_MS = 3_600_000;
/** How long a dead job (every attempt failed) stays in the SQL queue's table for inspection. */
export const DEAD_JOB_RETENTION_MS = 7 * 24 * 3_600_000;

/**
 * Keeps the SQL queue's table bounded: dead jobs that died more than the retention ago go.
 * Finished jobs are deleted when they finish; waiting, retrying and running ones always stay.
 * (BullMQ trims its own completed and failed jobs.)
 */
export function pruneDeadJobsHandler(deps: Deps): JobHandler {
  return async () => {
    const result = await deps.db.kysely.deleteFrom('jobs').where('state', '=', 'dead')
      .where('updated_at', '<', now() - DEAD_JOB_RETENTION_MS).executeTakeFirst();
    const removed = Number(result.numDeletedRows);
    if (removed > 0) {
      deps.log.info({ removed }, 'pruned dead jobs');
    }
  };
}
