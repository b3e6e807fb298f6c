import type { Ctx } from '../../context.js';
import type { ConversationRow } from '../../db/schema.js';
import { conversationRepository } from '../../repositories/conversation.repository.js';
import { taggingRepository } from '../../repositories/tagging.repository.js';
import { recordConversationUpdate } from './record-conversation-update.js';

/**
 * Makes `labels` the conversation's whole label set (Labelable#update_labels): taggings
 * and the cached_label_list column change together, updated_at moves, and
 * conversation.updated records the `label_list` change. The same set again writes nothing.
 * Returns the titles now on the conversation and the row.
 */
export async function replaceConversationLabels(
  ctx: Ctx, conversation: ConversationRow, labels: string[],
): Promise<{ labels: string[]; conversation: ConversationRow }> {
  const { before, after } = await taggingRepository.replace(ctx.db, ctx.accountId, 'Conversation', conversation.id, labels);
  if (JSON.stringify(before) === JSON.stringify(after)) {
    return { labels: after, conversation };
  }
  const updated = await conversationRepository.update(ctx.db, conversation.id, {});
  await recordConversationUpdate(ctx, conversation, updated);
  return { labels: after, conversation: updated };
}
