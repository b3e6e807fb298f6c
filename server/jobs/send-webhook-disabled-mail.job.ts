import type { Deps } from '../context.js';
import { frontendUrl, simpleMail } from '../mail/templates.js';
import { accountUserRepository } from '../repositories/account-user.repository.js';
import { webhookRepository } from '../repositories/webhook.repository.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem). */
export const SEND_WEBHOOK_DISABLED_MAIL = 'send-webhook-disabled-mail';

/** Payload: the disabled webhook (ids only; re-read when the mail goes out). */
export interface WebhookDisabledMailPayload {
  accountId: number;
  webhookId: number;
}

/**
 * Tells the account's administrators that a webhook was disabled after failing every
 * attempt: one mail to each of them, naming the URL and how to enable it again. Skipped
 * when the webhook is gone or was enabled again meanwhile.
 */
export function sendWebhookDisabledMailHandler(deps: Deps): JobHandler {
  return async (raw) => {
    const { accountId, webhookId } = raw as unknown as WebhookDisabledMailPayload;
    const db = deps.db.kysely;
    const webhook = await webhookRepository.findById(db, accountId, webhookId);
    if (!webhook || webhook.status !== 1) {
      return;
    }
    const hours = Math.round(deps.env.webhookDisableAfterMs / 3_600_000);
    for (const email of await accountUserRepository.administratorEmails(db, accountId)) {
      await deps.mailer.sendMail(simpleMail(email, `Webhook disabled: ${webhook.url}`, [
        `Every delivery to the webhook ${webhook.name ? `"${webhook.name}" ` : ''}at ${webhook.url} has failed for ${hours} hours, so it has been disabled.`,
        'Events are kept while it is disabled. Once the receiver works again, enable the webhook (PATCH the webhook with status "enabled", or POST its enable action) and what it missed is sent, in order.',
      ], [['Webhook settings', frontendUrl(deps.env, `accounts/${accountId}/settings/integrations/webhook`)]]));
    }
  };
}
