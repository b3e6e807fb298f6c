import { eventActor, type Ctx } from '../../context.js';
import type { NotificationRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { now } from '../../lib/clock.js';
import { notificationRepository } from '../../repositories/notification.repository.js';

/** What can change on one notification. */
export type NotificationChange =
  | { kind: 'read' }
  | { kind: 'unread' }
  /** Epoch ms; Chatwoot clears meta.last_snoozed_at with it. */
  | { kind: 'snooze'; until: number };

/** Marks read, unread or snoozes one notification; records notification.updated (to its user). */
export async function changeNotification(ctx: Ctx, row: NotificationRow, change: NotificationChange): Promise<NotificationRow> {
  const values = change.kind === 'read' ? { read_at: now() }
    : change.kind === 'unread' ? { read_at: null }
      : { snoozed_until: change.until, meta: { ...row.meta, last_snoozed_at: null } };
  const updated = await notificationRepository.update(ctx.db, row.id, values);
  await recordEvent(ctx.db, {
    name: 'notification.updated', accountId: ctx.accountId, actor: eventActor(ctx.actor), userId: row.user_id, data: { notificationId: row.id },
  });
  return updated;
}

/** Deletes one notification; records notification.deleted with its id and user. */
export async function deleteNotification(ctx: Ctx, row: NotificationRow): Promise<void> {
  await notificationRepository.remove(ctx.db, row.id);
  await recordEvent(ctx.db, {
    name: 'notification.deleted', accountId: ctx.accountId, actor: eventActor(ctx.actor), userId: row.user_id, data: { notificationId: row.id },
  });
}
