import type { Ctx } from '../../context.js';
import type { ConversationRow } from '../../db/schema.js';
import { conversationRepository } from '../../repositories/conversation.repository.js';

/**
 * `POST /conversations/:id/unread`: moves agent_last_seen_at and assignee_last_seen_at
 * to one second before the latest incoming message (null when there is none), so that
 * message counts as unread again. A plain column write, no events.
 */
export async function markConversationUnread(ctx: Ctx, conversation: ConversationRow): Promise<ConversationRow> {
  const lastIncoming = await conversationRepository.lastIncomingAt(ctx.db, ctx.accountId, conversation.id);
  const seenAt = lastIncoming === null ? null : lastIncoming - 1000;
  return conversationRepository.updateColumns(ctx.db, ctx.accountId, conversation.id, {
    agent_last_seen_at: seenAt,
    assignee_last_seen_at: seenAt,
  });
}
