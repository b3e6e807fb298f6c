import type { Deps } from '../context.js';
import { loadNotificationViews } from '../finders/notification-views.finder.js';
import { frontendUrl, simpleMail } from '../mail/templates.js';
import { notificationTitle } from '../presenters/notification.presenter.js';
import { notificationRepository } from '../repositories/notification.repository.js';
import { userRepository } from '../repositories/user.repository.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem): one email per notification whose user wants it by email. */
export const SEND_NOTIFICATION_EMAIL = 'send-notification-email';

/** Queues the email of a notification. */
export function enqueueNotificationEmail(deps: Pick<Deps, 'jobs'>, notificationId: number): Promise<void> {
  return deps.jobs.enqueue(SEND_NOTIFICATION_EMAIL, { notificationId }, { dedupeKey: `${SEND_NOTIFICATION_EMAIL}:${notificationId}` });
}

/**
 * Emails a notification to its user (Notification::EmailNotificationJob): the title as the
 * subject, the message it is about, and a link to the conversation. Skipped when the
 * notification was read or deleted meanwhile.
 */
export function sendNotificationEmailHandler(deps: Deps): JobHandler {
  return async (payload) => {
    const db = deps.db.kysely;
    const row = await notificationRepository.findAny(db, Number(payload.notificationId));
    const user = row ? await userRepository.findById(db, row.user_id) : undefined;
    if (!row || !user || row.read_at !== null) {
      return;
    }
    const [view] = await loadNotificationViews(db, [row]);
    const link = frontendUrl(deps.env, `accounts/${row.account_id}/conversations/${view.displayId ?? row.primary_actor_id}`);
    const title = notificationTitle(view);
    await deps.mailer.sendMail(simpleMail(user.email, title, [`Hi ${user.name},`, title, ...(view.body ? [view.body] : [])], [['Open the conversation', link]]));
  };
}
