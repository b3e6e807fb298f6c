import type { Deps } from '../context.js';
import { now } from '../lib/clock.js';
import { webhookDeliveryRepository } from '../repositories/webhook-delivery.repository.js';
import { enqueueDelivery } from './deliver-webhook.job.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem); it runs every RESUME_WEBHOOK_DELIVERIES_EVERY_MS and once when serve starts. */
export const RESUME_WEBHOOK_DELIVERIES = 'resume-webhook-deliveries';
export const RESUME_WEBHOOK_DELIVERIES_EVERY_MS = 30_000;
/** Groups looked at per run; the next run takes the rest. */
const BATCH = 1000;

/**
 * Queues again the deliveries a crash may have left without a job: a process killed
 * between finishing one delivery and queueing the next of its group, between deciding a
 * retry and queueing it, or while sending (the delivery's lease has run out). Queueing is
 * de-duplicated and claiming is conditional, so a delivery that does have its job is not
 * sent twice by this.
 */
export async function resumeWebhookDeliveries(deps: Pick<Deps, 'db' | 'jobs' | 'log'>): Promise<number> {
  const at = now();
  const groups = await webhookDeliveryRepository.stalledGroups(deps.db.kysely, at, BATCH);
  for (const group of groups) {
    const head = await webhookDeliveryRepository.headOfGroup(deps.db.kysely, group);
    if (head && (head.status === 'pending' || (head.locked_until !== null && head.locked_until < at))) {
      await enqueueDelivery(deps.jobs, head);
    }
  }
  return groups.length;
}

export function resumeWebhookDeliveriesHandler(deps: Deps): JobHandler {
  return async () => {
    await resumeWebhookDeliveries(deps);
  };
}
