import type { Executor } from '../db/dialect.js';
import type { DomainEvent, EventName } from '../events/catalog.js';
import { conversationPushView } from '../finders/event-views.finder.js';
import type { ConversationView } from '../presenters/conversation-view.js';
import { contactRepository, type ContactPushRow } from '../repositories/contact.repository.js';
import { pubsubRepository } from '../repositories/pubsub.repository.js';

/** One cable broadcast built from one outbox event: event name, data and the streams it goes to. */
export interface Frame {
  event: string;
  data: Record<string, unknown>;
  streams: string[];
  sequence: number;
}

export type Data = Record<string, unknown>;
export type Build = (db: Executor, event: DomainEvent, preloaded?: Preloaded) => Promise<Omit<Frame, 'sequence'> | null>;

/** Rows the frames of a batch of events share, loaded for the whole batch before its frames are built. */
export interface Preloaded {
  /** The contacts of the batch's contact events (push columns), by id (a contact missing here is gone). */
  contacts: Map<number, ContactPushRow>;
}

/** Contact events whose frame carries the contact as it is now. */
const CONTACT_EVENTS: ReadonlySet<EventName> = new Set(['contact.created', 'contact.updated', 'contact.merged']);

/**
 * Loads the contacts of a batch's contact events in one query per account, instead of
 * one per event (a contact import records one contact.created per row).
 */
export async function preloadFrameRows(db: Executor, events: DomainEvent[]): Promise<Preloaded> {
  const ids = new Map<number, Set<number>>();
  for (const event of events) {
    if (CONTACT_EVENTS.has(event.name) && event.accountId !== null && event.contactId !== undefined) {
      const ofAccount = ids.get(event.accountId) ?? new Set<number>();
      ids.set(event.accountId, ofAccount.add(event.contactId));
    }
  }
  const contacts = new Map<number, ContactPushRow>();
  for (const [accountId, contactIds] of ids) {
    for (const row of await contactRepository.findPushRowsByIds(db, accountId, [...contactIds])) {
      contacts.set(row.id, row);
    }
  }
  return { contacts };
}

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
