import { enumName, enumValue, MESSAGE_STATUSES, type MessageStatus } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import type { MessageRow } from '../../db/schema.js';
import type { Changes } from '../../events/catalog.js';
import { messageRepository } from '../../repositories/message.repository.js';
import { recordMessageUpdated } from './record-message-updated.js';

/** A delivery status report from the API channel's integration. */
export interface MessageStatusInput {
  status: MessageStatus;
  /** Kept in content_attributes only when the status is `failed`. */
  externalError: string | null;
}

/**
 * Sets a message's delivery status (Messages::StatusUpdateService): `external_error` is
 * kept for `failed` and cleared otherwise; a read message never goes back to delivered.
 * Records message.updated with the diff when anything changed.
 */
export async function updateMessageStatus(ctx: Ctx, message: MessageRow, input: MessageStatusInput): Promise<MessageRow> {
  const status = enumValue(MESSAGE_STATUSES, input.status);
  if (message.status === enumValue(MESSAGE_STATUSES, 'read') && input.status === 'delivered') {
    return message;
  }
  const contentAttributes = { ...message.content_attributes, external_error: input.status === 'failed' ? input.externalError : null };
  const statusChanged = message.status !== status;
  const attributesChanged = JSON.stringify(contentAttributes) !== JSON.stringify(message.content_attributes);
  if (!statusChanged && !attributesChanged) {
    return message;
  }
  const updated = await messageRepository.update(ctx.db, message.id, { status, content_attributes: contentAttributes });
  const changes: Changes = {};
  if (statusChanged) {
    changes.status = [enumName(MESSAGE_STATUSES, message.status), input.status];
  }
  if (attributesChanged) {
    changes.content_attributes = [message.content_attributes, updated.content_attributes];
  }
  await recordMessageUpdated(ctx, message, updated, changes);
  return updated;
}
