import type { Updateable } from 'kysely';
import type { Ctx } from '../../context.js';
import type { ConversationRow, ConversationsTable } from '../../db/schema.js';
import { now } from '../../lib/clock.js';
import { conversationRepository } from '../../repositories/conversation.repository.js';
import { recordConversationUpdate } from './record-conversation-update.js';

type Column = keyof ConversationRow;

/**
 * Saves columns of a conversation (Rails' `save` with its after-commit events). A save
 * that changes nothing writes nothing and records nothing. Status changes go through
 * changeConversationStatus instead.
 */
export async function updateConversation(ctx: Ctx, conversation: ConversationRow, values: Updateable<ConversationsTable>): Promise<ConversationRow> {
  const changed = (Object.keys(values) as Column[])
    .some((column) => JSON.stringify(values[column as keyof typeof values]) !== JSON.stringify(conversation[column]));
  if (!changed) {
    return conversation;
  }
  const updated = await conversationRepository.update(ctx.db, conversation.id, { ...values, updated_at: now() });
  await recordConversationUpdate(ctx, conversation, updated);
  return updated;
}
