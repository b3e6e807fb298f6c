import type { Ctx } from '../../context.js';
import type { ConversationRow } from '../../db/schema.js';
import { changeConversationStatus, STATUS } from '../conversations/change-conversation-status.js';

/**
 * The contact ends the conversation (Client API toggle_status): it becomes resolved,
 * with the contact as the actor of the status events; an already resolved conversation
 * is left as it is.
 */
export async function resolvePublicConversation(ctx: Ctx, conversation: ConversationRow): Promise<ConversationRow> {
  if (conversation.status === STATUS.resolved) {
    return conversation;
  }
  return changeConversationStatus(ctx, conversation, STATUS.resolved);
}
