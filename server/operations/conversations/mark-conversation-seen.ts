import type { Ctx } from '../../context.js';
import type { ConversationRow } from '../../db/schema.js';
import { now } from '../../lib/clock.js';
import { conversationRepository } from '../../repositories/conversation.repository.js';

const HOUR_MS = 3_600_000;

function staleOrUnset(at: number | null, time: number): boolean {
  return at === null || at < time - HOUR_MS;
}

/**
 * `POST /conversations/:id/update_last_seen`: the caller has read the conversation.
 * Sets agent_last_seen_at (and assignee_last_seen_at when the caller is the assignee)
 * to now, at once when messages arrived since, else at most once an hour. A plain
 * column write: no updated_at bump and no events, as Chatwoot's update_columns.
 */
export async function markConversationSeen(ctx: Ctx, conversation: ConversationRow): Promise<ConversationRow> {
  const isAssignee = conversation.assignee_id !== null && ctx.actor.type === 'User' && ctx.actor.id === conversation.assignee_id;
  const since = isAssignee ? conversation.assignee_last_seen_at : conversation.agent_last_seen_at;
  const time = now();
  const unread = await conversationRepository.hasMessagesSince(ctx.db, ctx.accountId, conversation.id, since);
  const stale = staleOrUnset(conversation.agent_last_seen_at, time) || (isAssignee && staleOrUnset(conversation.assignee_last_seen_at, time));
  if (!unread && !stale) {
    return conversation;
  }
  return conversationRepository.updateColumns(ctx.db, ctx.accountId, conversation.id, {
    agent_last_seen_at: time,
    ...(isAssignee ? { assignee_last_seen_at: time } : {}),
  });
}
