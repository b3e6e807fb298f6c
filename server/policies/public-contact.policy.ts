import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { ContactInboxRow, ConversationRow, Database } from '../db/schema.js';

/**
 * What a Client API caller (a contact inbox's session) may see. A contact inbox
 * whose identity was proven by HMAC sees every conversation of its contact in this
 * inbox; any other only the conversations of its own contact inbox
 * (Public::Api::V1::InboxesController#set_conversation).
 */
export function mayReadPublicConversation(contactInbox: ContactInboxRow, conversation: ConversationRow): boolean {
  if (conversation.inbox_id !== contactInbox.inbox_id) {
    return false;
  }
  return contactInbox.hmac_verified
    ? conversation.contact_id === contactInbox.contact_id
    : conversation.contact_inbox_id === contactInbox.id;
}

/** The SQL form of `mayReadPublicConversation`, for list queries over `conversations`. */
export function visiblePublicConversations(contactInbox: ContactInboxRow) {
  return (eb: ExpressionBuilder<Database, 'conversations'>): Expression<SqlBool> => {
    const inInbox = eb('conversations.inbox_id', '=', contactInbox.inbox_id);
    return contactInbox.hmac_verified
      ? eb.and([inInbox, eb('conversations.contact_id', '=', contactInbox.contact_id)])
      : eb.and([inInbox, eb('conversations.contact_inbox_id', '=', contactInbox.id)]);
  };
}
