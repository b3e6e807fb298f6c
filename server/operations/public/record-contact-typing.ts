import { eventActor, type Ctx } from '../../context.js';
import type { ConversationRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';

/**
 * The contact started or stopped typing (Client API toggle_typing): records
 * conversation.typing_on for `on`, conversation.typing_off for `off`, nothing for any
 * other value. The typer is the event's actor; nothing is written to the conversation.
 */
export async function recordContactTyping(ctx: Ctx, conversation: ConversationRow, typingStatus: string | undefined): Promise<void> {
  const name = typingStatus === 'on' ? 'conversation.typing_on' : typingStatus === 'off' ? 'conversation.typing_off' : null;
  if (name === null) {
    return;
  }
  await recordEvent(ctx.db, {
    name, accountId: ctx.accountId, actor: eventActor(ctx.actor), conversationId: conversation.id, inboxId: conversation.inbox_id,
    data: { is_private: false },
  });
}
