import { CONVERSATION_STATUSES, enumValue, type ConversationStatus } from '../../../common/enums.js';
import { eventActor, type Ctx } from '../../context.js';
import type { ConversationRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { now } from '../../lib/clock.js';
import { changeConversationStatus, STATUS } from './change-conversation-status.js';
import { updateConversation } from './update-conversation.js';

export interface ToggleStatusInput {
  /** The status to set; absent toggles (open → resolved, anything else → open). */
  status?: ConversationStatus;
  /** Epoch ms the snooze ends; absent or null keeps the stored value (cleared unless snoozed). */
  snoozedUntil?: number | null;
}

export interface ToggledStatus {
  conversation: ConversationRow;
  /** Chatwoot's `@status`: true after a save, null after a bot hand-off. */
  success: boolean | null;
}

/** A bot opening a pending conversation hands it to the humans (Conversation#bot_handoff!). */
async function handOffFromBot(ctx: Ctx, conversation: ConversationRow): Promise<ConversationRow> {
  const waiting = conversation.waiting_since === null
    ? await updateConversation(ctx, conversation, { waiting_since: now() })
    : conversation;
  const opened = await changeConversationStatus(ctx, waiting, STATUS.open);
  await recordEvent(ctx.db, {
    name: 'conversation.bot_handoff', accountId: opened.account_id, actor: eventActor(ctx.actor),
    conversationId: opened.id, inboxId: opened.inbox_id,
  });
  return opened;
}

/**
 * `POST /conversations/:id/toggle_status`: sets or toggles the status, hands off
 * from a bot, and makes an agent (not an administrator) who leaves the conversation
 * open its assignee, as Chatwoot's controller does.
 */
export async function toggleConversationStatus(ctx: Ctx, conversation: ConversationRow, input: ToggleStatusInput): Promise<ToggledStatus> {
  let updated: ConversationRow;
  let success: boolean | null = true;
  if (ctx.actor.type === 'AgentBot' && conversation.status === STATUS.pending && input.status === 'open') {
    updated = await handOffFromBot(ctx, conversation);
    success = null;
  } else if (input.status !== undefined) {
    const snoozedUntil = input.snoozedUntil ?? conversation.snoozed_until;
    updated = await changeConversationStatus(ctx, conversation, enumValue(CONVERSATION_STATUSES, input.status), { snoozedUntil });
  } else {
    updated = await changeConversationStatus(ctx, conversation, conversation.status === STATUS.open ? STATUS.resolved : STATUS.open);
  }
  const actor = ctx.actor;
  if (updated.status === STATUS.open && actor.type === 'User' && actor.membership?.role === 0) {
    updated = await updateConversation(ctx, updated, { assignee_id: actor.id, assignee_agent_bot_id: null });
  }
  return { conversation: updated, success };
}
