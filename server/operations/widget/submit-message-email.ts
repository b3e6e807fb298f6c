import type { Ctx } from '../../context.js';
import type { MessageRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { updateContentAttributes } from '../messages/record-message-updated.js';

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
  return updateContentAttributes(ctx, message, { ...message.content_attributes, submitted_email: address });
}
