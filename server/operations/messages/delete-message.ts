import { CONTENT_TYPES, enumName } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import type { AttachmentRow, MessageRow } from '../../db/schema.js';
import type { Changes } from '../../events/catalog.js';
import { attachmentRepository } from '../../repositories/attachment.repository.js';
import { messageRepository } from '../../repositories/message.repository.js';
import { recordMessageUpdated } from './record-message-updated.js';

/** Chatwoot's `conversations.messages.deleted` text. */
export const DELETED_CONTENT = 'This message was deleted';

/** The soft-deleted message and the attachment rows removed with it (their files go after commit). */
export interface DeletedMessage {
  message: MessageRow;
  removedAttachments: AttachmentRow[];
}

/**
 * Soft-deletes a message as Chatwoot's messages#destroy does: the content becomes
 * "This message was deleted", content_type text, content_attributes `{deleted: true}`
 * only, and its attachments are removed. Records message.updated with the diff.
 */
export async function deleteMessage(ctx: Ctx, message: MessageRow): Promise<DeletedMessage> {
  const updated = await messageRepository.update(ctx.db, message.id, {
    content: DELETED_CONTENT, content_type: 0, content_attributes: { deleted: true }, processed_message_content: DELETED_CONTENT,
  });
  const removedAttachments = await attachmentRepository.removeByMessageId(ctx.db, ctx.accountId, message.id);
  const changes: Changes = {};
  for (const key of ['content', 'processed_message_content'] as const) {
    if (message[key] !== updated[key]) {
      changes[key] = [message[key], updated[key]];
    }
  }
  if (message.content_type !== updated.content_type) {
    changes.content_type = [enumName(CONTENT_TYPES, message.content_type), enumName(CONTENT_TYPES, updated.content_type)];
  }
  if (JSON.stringify(message.content_attributes) !== JSON.stringify(updated.content_attributes)) {
    changes.content_attributes = [message.content_attributes, updated.content_attributes];
  }
  await recordMessageUpdated(ctx, message, updated, changes);
  return { message: updated, removedAttachments };
}
