import type { Executor } from '../db/dialect.js';
import type { ConversationRow } from '../db/schema.js';
import type { MessagesMetaFacts } from '../presenters/message-list.presenter.js';
import type { MessageView } from '../presenters/message.presenter.js';
import { accountUserRepository } from '../repositories/account-user.repository.js';
import { contactRepository } from '../repositories/contact.repository.js';
import { messageRepository, type MessageCursor } from '../repositories/message.repository.js';
import { userRepository } from '../repositories/user.repository.js';
import { loadMessageViews } from './message-views.finder.js';

/** The index's query: Chatwoot's MessageFinder params. */
export interface MessageListQuery {
  before?: number;
  after?: number;
  filter_internal_messages?: boolean;
}

/** Largest value of an integer id column; larger cursors mean the same as it. */
const MAX_ID = 2_147_483_647;

/** Which page the query asks for: both cursors → the range [after, before); one → its side; none → the latest. */
export function cursorOf(query: MessageListQuery): MessageCursor {
  const before = query.before === undefined ? undefined : Math.min(query.before, MAX_ID);
  const after = query.after === undefined ? undefined : Math.min(query.after, MAX_ID);
  if (after !== undefined && before !== undefined) {
    return { kind: 'between', after, before };
  }
  if (before !== undefined) {
    return { kind: 'before', before };
  }
  if (after !== undefined) {
    return { kind: 'after', after };
  }
  return { kind: 'latest' };
}

async function loadAssignee(db: Executor, conversation: ConversationRow): Promise<MessagesMetaFacts['assignee']> {
  if (conversation.assignee_id === null) {
    return null;
  }
  const [user, membership] = await Promise.all([
    userRepository.findById(db, conversation.assignee_id),
    accountUserRepository.find(db, conversation.account_id, conversation.assignee_id),
  ]);
  return user ? { user, membership: membership ?? null } : null;
}

/**
 * One page of a conversation's messages (oldest first, with senders and attachments)
 * and the facts the index's meta shows, in a fixed number of queries.
 */
export async function findConversationMessages(
  db: Executor,
  conversation: ConversationRow,
  query: MessageListQuery,
): Promise<{ meta: MessagesMetaFacts; views: MessageView[] }> {
  const rows = await messageRepository.listPage(db, conversation.id, cursorOf(query), query.filter_internal_messages === true);
  const [views, contact, assignee] = await Promise.all([
    loadMessageViews(db, conversation.account_id, rows),
    contactRepository.findById(db, conversation.account_id, conversation.contact_id),
    loadAssignee(db, conversation),
  ]);
  if (!contact) {
    throw new Error(`conversation ${conversation.id} has no contact`);
  }
  return { meta: { conversation, contact, assignee }, views };
}
