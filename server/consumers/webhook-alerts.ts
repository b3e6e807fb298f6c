import type { Deps } from '../context.js';
import type { Consumer } from '../events/dispatcher.js';
import { SEND_WEBHOOK_DISABLED_MAIL } from '../jobs/send-webhook-disabled-mail.job.js';

/**
 * Tells administrators about webhooks disabled for failing: `webhook.disabled` with reason
 * `failing` queues one mail job (de-duplicated per event while it waits).
 * A webhook disabled by hand mails nobody: the administrator who did it knows.
 */
export function webhookAlertConsumer(deps: Pick<Deps, 'jobs'>): Consumer {
  return {
    name: 'webhook-alerts',
    events: ['webhook.disabled'],
    handle: async (event) => {
      if (event.data?.reason !== 'failing' || event.accountId === null) {
        return;
      }
      await deps.jobs.enqueue(SEND_WEBHOOK_DISABLED_MAIL, { accountId: event.accountId, webhookId: Number(event.data.webhook_id) }, {
        dedupeKey: `webhook-disabled:${event.id}`,
      });
    },
  };
}
