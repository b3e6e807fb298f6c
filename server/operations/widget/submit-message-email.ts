import { eventActor, type Ctx } from '../../context.js';
import type { MessageRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { toIso } from '../../lib/clock.js';
import { invalid } from '../../lib/errors.js';
import { messageRepository } from '../../repositories/message.repository.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The visitor answers an email-collect message (input_email, Widget::MessagesController#update):
 * the address is kept in content_attributes.submitted_email and message.updated is recorded.
 * A missing or malformed address is a 422 naming `email`.
 */
export async function submitMessageEmail(ctx: Ctx, message: MessageRow, email: string): Promise<MessageRow> {
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address)) {
    throw invalid('email', 'is invalid');
  }
  const contentAttributes = { ...message.content_attributes, submitted_email: address };
  const updated = await messageRepository.update(ctx.db, message.id, { content_attributes: contentAttributes });
  await recordEvent(ctx.db, {
    name: 'message.updated', accountId: ctx.accountId, actor: eventActor(ctx.actor),
    conversationId: message.conversation_id, messageId: message.id, inboxId: message.inbox_id,
    changes: {
      content_attributes: [message.content_attributes, updated.content_attributes],
      updated_at: [toIso(message.updated_at), toIso(updated.updated_at)],
    },
  });
  return updated;
}
