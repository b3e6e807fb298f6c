import { eventActor, type Ctx } from '../../context.js';
import type { ConversationRow, NotificationRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { notificationRepository } from '../../repositories/notification.repository.js';
import { DEFAULT_FLAGS, flagBit, NOTIFICATION_TYPES, type NotificationType } from './notification-types.js';

export interface NotificationInput {
  type: NotificationType;
  userId: number;
  conversation: ConversationRow;
  /** The message it is about, or the user who caused it. */
  secondary: { type: 'Message' | 'User'; id: number } | null;
}

/** A created notification and whether its user wants it by email. */
export interface CreatedNotification {
  notification: NotificationRow;
  email: boolean;
}

/** True when the user may see the conversation: an administrator or a member of its inbox. */
async function canAccess(ctx: Ctx, userId: number, conversation: ConversationRow): Promise<boolean> {
  const row = await ctx.db.selectFrom('account_users').select('user_id').where('account_id', '=', conversation.account_id)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([
      eb('role', '=', 1),
      eb('user_id', 'in', eb.selectFrom('inbox_members').select('user_id').where('inbox_id', '=', conversation.inbox_id)),
    ])).executeTakeFirst();
  return row !== undefined;
}

/**
 * Notifies a user (NotificationBuilder): nothing for someone who cannot see the conversation,
 * nothing about a blocked contact except mentions, and conversation_creation only for users
 * subscribed to it by email or push. Records notification.created (pushed to that user only).
 */
export async function createNotification(ctx: Ctx, input: NotificationInput): Promise<CreatedNotification | null> {
  const setting = await notificationRepository.ensureSetting(ctx.db, ctx.accountId, input.userId, DEFAULT_FLAGS);
  const bit = flagBit(input.type);
  if (input.type === 'conversation_creation' && (setting.email_flags & bit) === 0 && (setting.push_flags & bit) === 0) {
    return null;
  }
  if (input.type !== 'conversation_mention') {
    const contact = await ctx.db.selectFrom('contacts').select('blocked').where('id', '=', input.conversation.contact_id).executeTakeFirst();
    if (contact?.blocked) {
      return null;
    }
  }
  if (!(await canAccess(ctx, input.userId, input.conversation))) {
    return null;
  }
  const secondary = input.secondary ?? (ctx.actor.type === 'User' ? { type: 'User' as const, id: ctx.actor.id } : null);
  const notification = await notificationRepository.insert(ctx.db, {
    account_id: ctx.accountId, user_id: input.userId, notification_type: NOTIFICATION_TYPES[input.type],
    primary_actor_type: 'Conversation', primary_actor_id: input.conversation.id,
    secondary_actor_type: secondary?.type ?? null, secondary_actor_id: secondary?.id ?? null,
    read_at: null, snoozed_until: null, meta: {},
  });
  await recordEvent(ctx.db, {
    name: 'notification.created', accountId: ctx.accountId, actor: eventActor(ctx.actor), userId: input.userId,
    data: { notificationId: notification.id },
  });
  return { notification, email: (setting.email_flags & bit) !== 0 };
}
