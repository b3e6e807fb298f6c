import type { Executor } from '../db/dialect.js';
import type { NotificationRow } from '../db/schema.js';
import { conversationPushView, messageView as messageViewOf } from './event-views.finder.js';
import { presentConversationPush } from '../presenters/conversation-push.presenter.js';
import { presentConversationMessage } from '../presenters/conversation-view.js';
import type { NotificationView } from '../presenters/notification.presenter.js';
import { presentUserPush } from '../presenters/user.presenter.js';
import { accountUserRepository } from '../repositories/account-user.repository.js';
import { userRepository } from '../repositories/user.repository.js';

/** Ten words at most, as Chatwoot's `truncate_words(10)`. */
function tenWords(text: string): string {
  const words = text.trim().split(/\s+/);
  return words.length > 10 ? `${words.slice(0, 10).join(' ')}...` : words.join(' ');
}

/** Mention markup `[@Name](mention://user/1/Name)` shown as `@Name`. */
function plainMentions(text: string): string {
  return text.replace(/\[(@[^\]]+)\]\(mention:\/\/(?:user|team)\/\d+\/[^)]*\)/g, '$1');
}

/**
 * Loads what presenting notifications needs: the conversation's push data, the message
 * (secondary actor) and the user. One notification at a time; lists are a page of 15.
 */
export async function loadNotificationViews(db: Executor, rows: NotificationRow[]): Promise<NotificationView[]> {
  const views: NotificationView[] = [];
  for (const row of rows) {
    const conversationView = await conversationPushView(db, row.account_id, row.primary_actor_id);
    const conversation = conversationView?.conversation;
    const inbox = conversation ? await db.selectFrom('inboxes').select('name').where('id', '=', conversation.inbox_id).executeTakeFirst() : undefined;
    let secondaryActor: Record<string, unknown> | null = null;
    let body = '';
    const messageId = row.secondary_actor_type === 'Message' ? row.secondary_actor_id
      : (conversation ? (await db.selectFrom('messages').select('id').where('conversation_id', '=', conversation.id)
        .where('message_type', 'in', [0, 1]).orderBy('id', row.notification_type === 1 ? 'asc' : 'desc').limit(1).executeTakeFirst())?.id ?? null : null);
    const messageView = messageId !== null ? await messageViewOf(db, row.account_id, messageId) : null;
    const message = messageView?.message;
    if (message && messageView && conversationView) {
      if (row.secondary_actor_type === 'Message') {
        secondaryActor = presentConversationMessage(conversationView, messageView) as unknown as Record<string, unknown>;
      }
      const sender = (messageView as unknown as { sender?: { name?: string } | null }).sender?.name
        ?? (message.sender_type === 'User' && message.sender_id ? (await userRepository.findById(db, message.sender_id))?.name : undefined) ?? '';
      body = `${sender}: ${message.content ? plainMentions(tenWords(message.content)) : 'No content'}`;
    }
    if (row.secondary_actor_type === 'User' && row.secondary_actor_id !== null) {
      const actor = await userRepository.findById(db, row.secondary_actor_id);
      secondaryActor = actor ? presentUserPush(actor, (await accountUserRepository.find(db, row.account_id, actor.id)) ?? null) : null;
    }
    const user = await userRepository.findById(db, row.user_id);
    views.push({
      row,
      primaryActor: conversationView ? presentConversationPush(conversationView) as unknown as Record<string, unknown> : null,
      secondaryActor,
      user: user ? presentUserPush(user, (await accountUserRepository.find(db, row.account_id, user.id)) ?? null) : null,
      displayId: conversation?.display_id ?? null,
      inboxName: inbox?.name ?? '',
      body,
    });
  }
  return views;
}
