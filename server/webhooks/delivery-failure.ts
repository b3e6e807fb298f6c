import { enumValue, MESSAGE_STATUSES } from '../../common/enums.js';
import { SYSTEM, withTransaction, type Deps } from '../context.js';
import type { WebhookDeliveryRow } from '../db/schema.js';
import { changeConversationStatus, STATUS } from '../operations/conversations/change-conversation-status.js';
import { updateMessageStatus } from '../operations/messages/update-message-status.js';
import { accountRepository } from '../repositories/account.repository.js';
import { conversationRepository } from '../repositories/conversation.repository.js';

const MESSAGE_EVENTS: ReadonlySet<string> = new Set(['message_created', 'message_updated']);

/**
 * What Chatwoot does when a message event cannot be delivered (Webhooks::Trigger#handle_error):
 * an API inbox's message is marked failed with the error kept in `external_error`; an agent
 * bot's pending conversation goes to open so a person picks it up, unless the account keeps
 * it pending (`keep_pending_on_bot_failure`). Other events and receivers: nothing.
 */
export async function handleDeliveryGivenUp(deps: Deps, row: WebhookDeliveryRow, error: string | null): Promise<void> {
  if (!MESSAGE_EVENTS.has(row.event) || row.target_type === 'Webhook') {
    return;
  }
  const messageId = Number((JSON.parse(row.body) as { id?: unknown }).id);
  await withTransaction(deps, async (tx) => {
    const message = await tx.selectFrom('messages').selectAll().where('account_id', '=', row.account_id).where('id', '=', messageId).executeTakeFirst();
    if (!message) {
      return;
    }
    const ctx = { db: tx, actor: SYSTEM, accountId: row.account_id, env: deps.env };
    if (row.target_type === 'Channel::Api') {
      await updateMessageStatus(ctx, message, { status: 'failed', externalError: error ?? 'delivery failed' });
      return;
    }
    const account = await accountRepository.findById(tx, row.account_id);
    const conversation = await conversationRepository.findForUpdate(tx, row.account_id, message.conversation_id);
    if (conversation.status === STATUS.pending && account?.settings?.keep_pending_on_bot_failure !== true) {
      await changeConversationStatus(ctx, conversation, STATUS.open);
    }
  });
}

/**
 * The other way round: an API inbox's message that was marked failed by an earlier attempt and
 * is now delivered (a retry, or a redelivery from the delivery log) is `sent` again, its
 * `external_error` cleared. Only deliveries that needed more than one attempt can have failed.
 */
export async function handleDeliveryRecovered(deps: Deps, row: WebhookDeliveryRow): Promise<void> {
  if (!MESSAGE_EVENTS.has(row.event) || row.target_type !== 'Channel::Api' || row.attempts <= 1) {
    return;
  }
  const messageId = Number((JSON.parse(row.body) as { id?: unknown }).id);
  await withTransaction(deps, async (tx) => {
    const message = await tx.selectFrom('messages').selectAll().where('account_id', '=', row.account_id).where('id', '=', messageId).executeTakeFirst();
    if (message?.status === enumValue(MESSAGE_STATUSES, 'failed')) {
      await updateMessageStatus({ db: tx, actor: SYSTEM, accountId: row.account_id, env: deps.env }, message, { status: 'sent', externalError: null });
    }
  });
}
