import type { ContactRow, InboxRow } from '../../db/schema.js';
import { unprocessable } from '../../lib/errors.js';
import { uuid } from '../../lib/tokens.js';

/**
 * The source_id a new contact inbox gets when the caller sends none, by channel
 * (Chatwoot's ContactInboxBuilder): a UUID for API and website inboxes, the
 * contact's email for email inboxes, its phone for SMS (without `+` for WhatsApp).
 */
export function defaultSourceId(inbox: InboxRow, contact: ContactRow): string {
  switch (inbox.channel_type) {
    case 'Channel::Api':
    case 'Channel::WebWidget':
      return uuid();
    case 'Channel::Email':
      return required(contact.email, 'contact email');
    case 'Channel::Sms':
    case 'Channel::TwilioSms':
      return required(contact.phone_number, 'contact phone number');
    case 'Channel::Whatsapp':
      return required(contact.phone_number, 'contact phone number').replace('+', '');
    default:
      throw unprocessable(`Unsupported operation for this channel: ${inbox.channel_type}`);
  }
}

function required(value: string | null, what: string): string {
  if (!value) {
    throw unprocessable(`param is missing or the value is empty: ${what}`);
  }
  return value;
}
