import type { Executor } from '../db/dialect.js';
import type { AccountRow, ChannelApiRow, ContactInboxRow, ConversationRow, InboxRow, MessageRow } from '../db/schema.js';
import { visiblePublicConversations } from '../policies/public-contact.policy.js';
import type { PublicConversationView } from '../presenters/public-conversation.presenter.js';
import { accountRepository } from '../repositories/account.repository.js';
import { channelApiRepository } from '../repositories/channel-api.repository.js';
import { contactRepository } from '../repositories/contact.repository.js';
import { loadMessageViews } from './message-views.finder.js';

/** The API inbox behind a Client API `inbox_identifier`. */
export interface PublicInbox {
  channel: ChannelApiRow;
  inbox: InboxRow;
  account: AccountRow;
}

/** The API inbox whose channel has this identifier, with its channel and account; undefined when there is none. */
export async function findPublicInbox(db: Executor, identifier: string): Promise<PublicInbox | undefined> {
  const channel = await channelApiRepository.findByIdentifier(db, identifier);
  if (!channel) {
    return undefined;
  }
  const [inbox, account] = await Promise.all([
    db.selectFrom('inboxes').selectAll().where('account_id', '=', channel.account_id)
      .where('channel_type', '=', 'Channel::Api').where('channel_id', '=', channel.id).executeTakeFirst(),
    accountRepository.findById(db, channel.account_id),
  ]);
  return inbox && account ? { channel, inbox, account } : undefined;
}

/** The conversations the contact inbox may see, oldest first. */
export function listPublicConversations(db: Executor, contactInbox: ContactInboxRow, accountId: number): Promise<ConversationRow[]> {
  return db.selectFrom('conversations').selectAll().where('account_id', '=', accountId)
    .where(visiblePublicConversations(contactInbox)).orderBy('id').execute();
}

/** One conversation by display_id, when the contact inbox may see it. */
export function findPublicConversation(db: Executor, contactInbox: ContactInboxRow, accountId: number, displayId: number): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('account_id', '=', accountId)
    .where('display_id', '=', displayId).where(visiblePublicConversations(contactInbox)).executeTakeFirst();
}

/** The contact inbox's latest conversation it may see (Widget::BaseController#conversation). */
export function findLatestPublicConversation(db: Executor, contactInbox: ContactInboxRow, accountId: number): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('account_id', '=', accountId)
    .where(visiblePublicConversations(contactInbox)).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** A message of any conversation the contact inbox may see. */
export function findPublicMessage(db: Executor, contactInbox: ContactInboxRow, accountId: number, messageId: number): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll('messages').where('messages.account_id', '=', accountId).where('messages.id', '=', messageId)
    .where('messages.conversation_id', 'in', (eb) => eb.selectFrom('conversations').select('conversations.id')
      .where('conversations.account_id', '=', accountId).where(visiblePublicConversations(contactInbox)))
    .executeTakeFirst();
}

/** Chat messages (neither private nor activity) of the conversations, oldest first. */
function listChatMessages(db: Executor, accountId: number, conversationIds: number[]): Promise<MessageRow[]> {
  if (conversationIds.length === 0) {
    return Promise.resolve([]);
  }
  return db.selectFrom('messages').selectAll().where('account_id', '=', accountId)
    .where('conversation_id', 'in', conversationIds).where('private', '=', false).where('message_type', '!=', 2)
    .orderBy('created_at').orderBy('id').execute();
}

/**
 * Everything the Client API conversation shape needs for a batch of conversations of one
 * account: their contacts and every chat message with senders and attachments, in a fixed
 * number of queries. Keeps the input order.
 */
export async function loadPublicConversationViews(db: Executor, accountId: number, conversations: ConversationRow[]): Promise<PublicConversationView[]> {
  const [contacts, messages] = await Promise.all([
    contactRepository.findByIds(db, accountId, [...new Set(conversations.map((c) => c.contact_id))]),
    listChatMessages(db, accountId, conversations.map((c) => c.id)),
  ]);
  const views = await loadMessageViews(db, accountId, messages);
  const contactOf = new Map(contacts.map((c) => [c.id, c]));
  const messagesOf = new Map<number, typeof views>();
  for (const view of views) {
    messagesOf.set(view.message.conversation_id, [...(messagesOf.get(view.message.conversation_id) ?? []), view]);
  }
  return conversations.map((conversation) => {
    const contact = contactOf.get(conversation.contact_id);
    if (!contact) {
      throw new Error(`conversation ${conversation.id} has no contact`);
    }
    return { conversation, contact, messages: messagesOf.get(conversation.id) ?? [] };
  });
}
