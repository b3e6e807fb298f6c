import { eventActor, type Ctx } from '../../context.js';
import type { ConversationRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { now, toIso } from '../../lib/clock.js';
import { conversationRepository } from '../../repositories/conversation.repository.js';
import { messageRepository } from '../../repositories/message.repository.js';
import { updateMessageStatus } from '../messages/update-message-status.js';

/**
 * The contact has read the conversation (Client API update_last_seen): contact_last_seen_at
 * becomes now (a saved update, so updated_at moves) and conversation.read is recorded; then
 * every reply created until now that is still sent or delivered becomes read, each
 * recording message.updated (Conversations::UpdateMessageStatusJob, run here at once).
 */
export async function markConversationRead(ctx: Ctx, conversation: ConversationRow): Promise<ConversationRow> {
  const time = now();
  const updated = await conversationRepository.update(ctx.db, conversation.id, { contact_last_seen_at: time });
  await recordEvent(ctx.db, {
    name: 'conversation.read', accountId: ctx.accountId, actor: eventActor(ctx.actor),
    conversationId: conversation.id, inboxId: conversation.inbox_id,
    changes: { contact_last_seen_at: [toIso(conversation.contact_last_seen_at), toIso(time)] },
  });
  for (const message of await messageRepository.listUnreadReplies(ctx.db, conversation.id, time)) {
    await updateMessageStatus(ctx, message, { status: 'read', externalError: null });
  }
  return updated;
}
