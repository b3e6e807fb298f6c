import { SYSTEM, withTransaction, type Deps } from '../context.js';
import { BatchTransaction } from '../db/batch-transaction.js';
import type { Executor } from '../db/dialect.js';
import { outsideReadMemo } from '../db/read-memo.js';
import type { DomainEvent, EventName } from '../events/catalog.js';
import type { Consumer } from '../events/dispatcher.js';
import { enqueueNotificationEmail } from '../jobs/send-notification-email.job.js';
import { STATUS } from '../operations/conversations/change-conversation-status.js';
import { createNotification, type CreatedNotification } from '../operations/notifications/create-notification.js';
import { processMentions } from '../operations/notifications/process-mentions.js';
import { conversationParticipantRepository } from '../repositories/conversation-participant.repository.js';
import { conversationRepository } from '../repositories/conversation.repository.js';
import { inboxMemberRepository } from '../repositories/inbox-member.repository.js';
import { notificationRepository } from '../repositories/notification.repository.js';
import type { Ctx } from '../context.js';

const CONSUMER = 'notifications';
const INCOMING = 0;
const OUTGOING = 1;

/** conversation.created: every inbox member subscribed to conversation_creation (NotificationListener). */
async function onConversationCreated(ctx: Ctx, event: DomainEvent): Promise<CreatedNotification[]> {
  const conversation = await conversationRepository.findById(ctx.db, ctx.accountId, event.conversationId as number);
  if (!conversation || conversation.status === STATUS.pending) {
    return [];
  }
  const created: CreatedNotification[] = [];
  for (const userId of await inboxMemberRepository.listUserIds(ctx.db, conversation.inbox_id)) {
    const n = await createNotification(ctx, { type: 'conversation_creation', userId, conversation, secondary: null });
    if (n) {
      created.push(n);
    }
  }
  return created;
}

/** assignee.changed: the new assignee, unless they assigned themselves (Conversation#notifiable_assignee_change?). */
async function onAssigneeChanged(ctx: Ctx, event: DomainEvent): Promise<CreatedNotification[]> {
  const assigneeId = event.changes?.assignee_id?.[1];
  if (typeof assigneeId !== 'number' || (event.actor?.type === 'User' && event.actor.id === assigneeId)) {
    return [];
  }
  const conversation = await conversationRepository.findById(ctx.db, ctx.accountId, event.conversationId as number);
  if (!conversation || conversation.status === STATUS.pending || conversation.assignee_id !== assigneeId) {
    return [];
  }
  const secondary = event.actor?.type === 'User' && event.actor.id !== null ? { type: 'User' as const, id: event.actor.id } : null;
  const n = await createNotification(ctx, { type: 'conversation_assignment', userId: assigneeId, conversation, secondary });
  return n ? [n] : [];
}

/** message.created: mentions, then the assignee and the participants (NewMessageNotificationService). */
async function onMessageCreated(ctx: Ctx, event: DomainEvent): Promise<CreatedNotification[]> {
  const message = event.messageId === undefined ? undefined
    : await ctx.db.selectFrom('messages').selectAll().where('id', '=', event.messageId).where('account_id', '=', ctx.accountId).executeTakeFirst();
  const conversation = message ? await conversationRepository.findById(ctx.db, ctx.accountId, message.conversation_id) : undefined;
  if (!message || !conversation) {
    return [];
  }
  const created = await processMentions(ctx, conversation, message);
  if (message.message_type !== INCOMING && message.message_type !== OUTGOING) {
    return created;
  }
  const senderUserId = message.sender_type === 'User' ? message.sender_id : null;
  const notify = async (type: 'assigned_conversation_new_message' | 'participating_conversation_new_message', userId: number) => {
    if (userId === senderUserId || (await notificationRepository.existsForMessage(ctx.db, userId, message.id))) {
      return;
    }
    const n = await createNotification(ctx, { type, userId, conversation, secondary: { type: 'Message', id: message.id } });
    if (n) {
      created.push(n);
    }
  };
  if (conversation.assignee_id !== null) {
    await notify('assigned_conversation_new_message', conversation.assignee_id);
  }
  for (const userId of await conversationParticipantRepository.listUserIds(ctx.db, ctx.accountId, conversation.id)) {
    await notify('participating_conversation_new_message', userId);
  }
  return created;
}

const HANDLERS: Partial<Record<EventName, (ctx: Ctx, event: DomainEvent) => Promise<CreatedNotification[]>>> = {
  'conversation.created': onConversationCreated,
  'assignee.changed': onAssigneeChanged,
  'message.created': onMessageCreated,
};

/** The notifications of one event, written with a receipt so that a replayed event creates nothing twice. */
async function notify(deps: Deps, tx: Executor, event: DomainEvent): Promise<CreatedNotification[]> {
  const handler = HANDLERS[event.name];
  if (!handler || event.accountId === null || !(await notificationRepository.claimReceipt(tx, CONSUMER, event.id))) {
    return [];
  }
  return handler({ db: tx, actor: SYSTEM, accountId: event.accountId, env: deps.env }, event);
}

/** After commit: emails go out as jobs, for users whose settings ask for that type by email. */
async function sendEmails(deps: Deps, created: CreatedNotification[]): Promise<void> {
  for (const { notification } of created.filter((n) => n.email)) {
    await enqueueNotificationEmail(deps, notification.id);
  }
}

/** How long a batch's notifications share one transaction before it commits (see BatchTransaction). */
const CHUNK_MS = 4;

/**
 * Notifications from outbox events (Chatwoot's NotificationListener). A batch's events share
 * transactions (BatchTransaction: a savepoint per event, a commit every CHUNK_MS), so a batch of
 * messages costs a few commits rather than one each; an event that fails rolls back only its own.
 */
export function notificationConsumer(deps: Deps): Consumer {
  return {
    name: CONSUMER,
    events: Object.keys(HANDLERS) as EventName[],
    handle: (event) => outsideReadMemo(async () => {
      await sendEmails(deps, await withTransaction(deps, (tx) => notify(deps, tx, event)));
    }),
    forBatch: async () => {
      const batch = new BatchTransaction<CreatedNotification[]>(deps.db.kysely, CHUNK_MS, async (results) => {
        // What was committed recorded notification.created events: the dispatcher comes round for them.
        deps.dispatcher.wake();
        await sendEmails(deps, results.flat());
      });
      return {
        handle: (event) => outsideReadMemo(async () => {
          await batch.run((tx) => notify(deps, tx, event));
        }),
        finish: () => outsideReadMemo(() => batch.finish()),
      };
    },
  };
}
