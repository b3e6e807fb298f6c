import { loadNotificationViews } from '../finders/notification-views.finder.js';
import { presentConversationPush } from '../presenters/conversation-push.presenter.js';
import { presentNotificationPush } from '../presenters/notification.presenter.js';
import { notificationRepository } from '../repositories/notification.repository.js';
import { userRepository } from '../repositories/user.repository.js';
import { conversationOf, type Build, type Data } from './frame-sources.js';

/** The user's own stream (their pubsub token), or none when the user is gone. */
async function userStreams(db: Parameters<Build>[0], userId: number | undefined): Promise<string[]> {
  const user = userId === undefined ? undefined : await userRepository.findById(db, userId);
  return user ? [user.pubsub_token] : [];
}

/**
 * notification.created / notification.updated: the notification's push data with the user's
 * unread_count and count (NotificationFinder defaults), to that user only.
 */
export function notificationFrame(name: string): Build {
  return async (db, event) => {
    const id = Number(event.data?.notificationId);
    const row = event.accountId === null ? undefined : await notificationRepository.findAny(db, id);
    if (!row || row.account_id !== event.accountId) {
      return null;
    }
    const [view] = await loadNotificationViews(db, [row]);
    const counts = await notificationRepository.counts(db, row.account_id, row.user_id, { includes: [] });
    return { event: name, data: { notification: presentNotificationPush(view), ...counts }, streams: await userStreams(db, row.user_id) };
  };
}

/** notification.deleted: the id and the new counts, to that user only. */
export const notificationDeletedFrame: Build = async (db, event) => {
  if (event.accountId === null || event.userId === undefined) {
    return null;
  }
  const counts = await notificationRepository.counts(db, event.accountId, event.userId, { includes: [] });
  const data: Data = { notification: { id: Number(event.data?.notificationId) }, ...counts };
  return { event: 'notification.deleted', data, streams: await userStreams(db, event.userId) };
};

/** conversation.mentioned: the conversation's push data, to the mentioned user only. */
export const conversationMentionedFrame: Build = async (db, event) => {
  const view = await conversationOf(db, event);
  return view ? { event: 'conversation.mentioned', data: presentConversationPush(view) as unknown as Data, streams: await userStreams(db, event.userId) } : null;
};
