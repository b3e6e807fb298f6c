import { SYSTEM } from '../context.js';
import type { Executor } from '../db/dialect.js';
import { rememberValue } from '../db/read-memo.js';
import type { DomainEvent, EventName } from '../events/catalog.js';
import type { ConversationView } from '../presenters/conversation-view.js';
import type { MessageView } from '../presenters/message.presenter.js';
import { loadConversationViews } from './conversation-views.finder.js';
import { loadMessageViews } from './message-views.finder.js';
import { contactRepository, type ContactPushRow } from '../repositories/contact.repository.js';

/** The tables a conversation's push view is read from: a write to any of them drops a remembered view. */
const CONVERSATION_VIEW_TABLES = [
  'conversations', 'contacts', 'contact_inboxes', 'inboxes', 'channel_api', 'users', 'account_users', 'agent_bots', 'teams',
  'team_members', 'messages', 'attachments',
] as const;
/** The tables a message view is read from. */
const MESSAGE_VIEW_TABLES = ['messages', 'conversations', 'contacts', 'users', 'account_users', 'agent_bots', 'inboxes', 'attachments'] as const;

const CONTACT_TABLES = ['contacts'] as const;
/** Contact events whose frame carries the contact as it is now. */
const CONTACT_EVENTS: ReadonlySet<EventName> = new Set(['contact.created', 'contact.updated', 'contact.merged']);

const conversationKey = (accountId: number, id: number) => `conversation-push-view:${accountId}:${id}`;
const messageKey = (accountId: number, id: number) => `message-view:${accountId}:${id}`;
const contactKey = (accountId: number, id: number) => `contact-push-row:${accountId}:${id}`;

/**
 * A conversation in its push view (the websocket and webhook shapes), null when it is gone.
 * Inside a read memo (an outbox batch) it is built once and shared by every event and
 * consumer of the batch that names it.
 */
export function conversationPushView(db: Executor, accountId: number, conversationId: number): Promise<ConversationView | null> {
  return rememberValue(conversationKey(accountId, conversationId), CONVERSATION_VIEW_TABLES, async () => {
    const row = await db.selectFrom('conversations').selectAll().where('account_id', '=', accountId).where('id', '=', conversationId).executeTakeFirst();
    return row ? (await loadConversationViews(db, SYSTEM, accountId, [row], { push: true }))[0] : null;
  });
}

/** A message with its sender and attachments, null when it is gone; shared within a read memo like conversationPushView. */
export function messageView(db: Executor, accountId: number, messageId: number): Promise<MessageView | null> {
  return rememberValue(messageKey(accountId, messageId), MESSAGE_VIEW_TABLES, async () => {
    const row = await db.selectFrom('messages').selectAll().where('account_id', '=', accountId).where('id', '=', messageId).executeTakeFirst();
    return row ? (await loadMessageViews(db, accountId, [row]))[0] : null;
  });
}

/** A contact's push columns, null when it is gone; shared within a read memo like conversationPushView. */
export function contactPushRow(db: Executor, accountId: number, contactId: number): Promise<ContactPushRow | null> {
  return rememberValue(contactKey(accountId, contactId), CONTACT_TABLES, async () =>
    (await contactRepository.findPushRowsByIds(db, accountId, [contactId]))[0] ?? null);
}

/**
 * Loads the views of every conversation and message a batch of events names, and the contacts
 * of its contact events (a contact import records one contact.created per row) in the accounts
 * `contactsOf` accepts (all by default), with one set of queries per account (instead of one set
 * per event), and remembers each in the active read memo, where conversationPushView,
 * messageView and contactPushRow find them.
 */
export async function prefetchEventViews(
  db: Executor, events: readonly DomainEvent[], options: { contactsOf?: (accountId: number) => boolean } = {},
): Promise<void> {
  const byAccount = new Map<number, { conversations: Set<number>; messages: Set<number>; contacts: Set<number> }>();
  for (const event of events) {
    if (event.accountId === null) {
      continue;
    }
    const ids = byAccount.get(event.accountId) ?? { conversations: new Set<number>(), messages: new Set<number>(), contacts: new Set<number>() };
    byAccount.set(event.accountId, ids);
    if (event.conversationId) {
      ids.conversations.add(event.conversationId);
    }
    if (event.messageId) {
      ids.messages.add(event.messageId);
    }
    if (CONTACT_EVENTS.has(event.name) && event.contactId !== undefined) {
      ids.contacts.add(event.contactId);
    }
  }
  const loads: Array<Promise<unknown>> = [];
  for (const [accountId, ids] of byAccount) {
    // Two or more: a single one is loaded on first use at the same cost.
    if (ids.conversations.size > 1) {
      loads.push(rememberAll([...ids.conversations], (id) => conversationKey(accountId, id), CONVERSATION_VIEW_TABLES, async (wanted) => {
        const rows = await db.selectFrom('conversations').selectAll().where('account_id', '=', accountId).where('id', 'in', wanted).execute();
        const views = await loadConversationViews(db, SYSTEM, accountId, rows, { push: true });
        return new Map(views.map((v) => [v.conversation.id, v]));
      }));
    }
    if (ids.messages.size > 1) {
      loads.push(rememberAll([...ids.messages], (id) => messageKey(accountId, id), MESSAGE_VIEW_TABLES, async (wanted) => {
        const rows = await db.selectFrom('messages').selectAll().where('account_id', '=', accountId).where('id', 'in', wanted).execute();
        const views = await loadMessageViews(db, accountId, rows);
        return new Map(views.map((v) => [v.message.id, v]));
      }));
    }
    if (ids.contacts.size > 1 && (options.contactsOf?.(accountId) ?? true)) {
      loads.push(rememberAll([...ids.contacts], (id) => contactKey(accountId, id), CONTACT_TABLES, async (wanted) =>
        new Map((await contactRepository.findPushRowsByIds(db, accountId, wanted)).map((row) => [row.id, row]))));
    }
  }
  // A failed bulk load is not an error here: each view is then loaded on its own when asked for.
  await Promise.allSettled(loads);
}

/** Starts one bulk load for `ids` and remembers each id's share of it (null when absent) under its own key. */
function rememberAll<T>(ids: number[], key: (id: number) => string, tables: readonly string[], load: (ids: number[]) => Promise<Map<number, T>>): Promise<unknown> {
  const loaded = load(ids);
  for (const id of ids) {
    void rememberValue(key(id), tables, async () => (await loaded).get(id) ?? null).catch(() => undefined);
  }
  return loaded;
}
