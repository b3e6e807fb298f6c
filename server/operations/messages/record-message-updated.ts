import { eventActor, type Ctx } from '../../context.js';
import type { MessageRow } from '../../db/schema.js';
import type { Changes } from '../../events/catalog.js';
import { recordEvent } from '../../events/outbox.js';
import { toIso } from '../../lib/clock.js';
import { messageRepository } from '../../repositories/message.repository.js';

/** Records message.updated for an edit from `before` to `after`: the given changes plus `updated_at`, as Chatwoot's `changed_attributes`. */
export function recordMessageUpdated(ctx: Ctx, before: MessageRow, after: MessageRow, changes: Changes): Promise<void> {
  return recordEvent(ctx.db, {
    name: 'message.updated', accountId: ctx.accountId, actor: eventActor(ctx.actor),
    conversationId: before.conversation_id, messageId: before.id, inboxId: before.inbox_id,
    changes: { ...changes, updated_at: [toIso(before.updated_at), toIso(after.updated_at)] },
  });
}

/** Replaces a message's content_attributes and records message.updated with the diff (answers to input_email, forms, CSAT). */
export async function updateContentAttributes(ctx: Ctx, message: MessageRow, contentAttributes: Record<string, unknown>): Promise<MessageRow> {
  const updated = await messageRepository.update(ctx.db, message.id, { content_attributes: contentAttributes });
  await recordMessageUpdated(ctx, message, updated, { content_attributes: [message.content_attributes, updated.content_attributes] });
  return updated;
}
