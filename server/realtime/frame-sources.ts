import type { Executor } from '../db/dialect.js';
import type { DomainEvent } from '../events/catalog.js';
import { conversationPushView } from '../finders/event-views.finder.js';
import type { ConversationView } from '../presenters/conversation-view.js';
import { pubsubRepository } from '../repositories/pubsub.repository.js';

/** One cable broadcast built from one outbox event: event name, data and the streams it goes to. */
export interface Frame {
  event: string;
  data: Record<string, unknown>;
  streams: string[];
  sequence: number;
}

export type Data = Record<string, unknown>;
export type Build = (db: Executor, event: DomainEvent) => Promise<Omit<Frame, 'sequence'> | null>;

/** The conversation an event names, loaded in its push view (null when gone). */
export async function conversationOf(db: Executor, event: DomainEvent): Promise<ConversationView | null> {
  if (event.accountId === null || event.conversationId === undefined) {
    return null;
  }
  return conversationPushView(db, event.accountId, event.conversationId);
}

/** Tokens of the conversation's inbox agents and the account's administrators. */
export async function agentTokens(db: Executor, view: ConversationView): Promise<string[]> {
  return pubsubRepository.inboxAgentTokens(db, view.conversation.account_id, view.conversation.inbox_id);
}

/** Tokens of the conversation's contact (all hmac-verified contact inboxes when verified). */
export async function contactTokens(db: Executor, view: ConversationView): Promise<string[]> {
  return view.contactInbox ? pubsubRepository.contactTokens(db, view.contactInbox) : [];
}
