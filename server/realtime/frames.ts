import type { Executor } from '../db/dialect.js';
import type { ContactRow } from '../db/schema.js';
import type { DomainEvent, EventName } from '../events/catalog.js';
import { contactPushRow, messageView } from '../finders/event-views.finder.js';
import { presentContactPush } from '../presenters/contact.presenter.js';
import { presentConversationMessage } from '../presenters/conversation-view.js';
import { presentConversationPush } from '../presenters/conversation-push.presenter.js';
import { presentUserPush } from '../presenters/user.presenter.js';
import { accountUserRepository } from '../repositories/account-user.repository.js';
import type { ContactPushRow } from '../repositories/contact.repository.js';
import { userRepository } from '../repositories/user.repository.js';
import { agentTokens, contactTokens, conversationOf, type Build, type Data, type Frame } from './frame-sources.js';
import { accountStream } from './room-channel.js';
import { conversationMentionedFrame, notificationDeletedFrame, notificationFrame } from './notification-frames.js';
import { typingFrame } from './typing-frame.js';

export type { Frame } from './frame-sources.js';

const ACTIVITY = 2;
/** Events whose data is re-read when sent and carry no performer (ActionCableBroadcastJob::CONVERSATION_UPDATE_EVENTS). */
const CURRENT_STATE_EVENTS: ReadonlySet<string> = new Set([
  'conversation.read', 'conversation.updated', 'team.changed', 'assignee.changed', 'conversation.status_changed',
]);

/** A conversation event: push data, to the inbox's agents and (when `toContact`) the contact. */
function conversationFrame(name: string, toContact: boolean): Build {
  return async (db, event) => {
    const view = await conversationOf(db, event);
    if (!view) {
      return null;
    }
    const streams = [...await agentTokens(db, view), ...(toContact ? await contactTokens(db, view) : [])];
    return { event: name, data: presentConversationPush(view) as unknown as Data, streams };
  };
}

/**
 * A message event: push data (+ previous_changes on update); the contact only for public,
 * non-activity messages, and never for `agentsOnly` events (first.reply.created).
 */
function messageFrame(name: string, agentsOnly = false): Build {
  return async (db, event) => {
    const view = await conversationOf(db, event);
    const shown = view && event.messageId !== undefined ? await messageView(db, view.conversation.account_id, event.messageId) : null;
    if (!view || !shown) {
      return null;
    }
    const { message } = shown;
    const data: Data = { ...presentConversationMessage(view, shown) };
    if (name === 'message.updated') {
      data.previous_changes = event.changes ?? {};
    }
    const toContact = !agentsOnly && !message.private && message.message_type !== ACTIVITY;
    const streams = [...await agentTokens(db, view), ...(toContact ? await contactTokens(db, view) : [])];
    return { event: name, data, streams };
  };
}

/** Contact events go to the account stream (every agent of the account). */
function contactFrame(name: string): Build {
  return async (db, event) => {
    if (event.accountId === null || event.contactId === undefined) {
      return null;
    }
    const row: ContactPushRow | null | undefined = name === 'contact.deleted'
      ? event.data?.contact as ContactRow | undefined
      : await contactPushRow(db, event.accountId, event.contactId);
    return row ? { event: name, data: presentContactPush(row) as unknown as Data, streams: [accountStream(event.accountId)] } : null;
  };
}

/** Builder per event name (ActionCableListener's methods); events not listed are not broadcast. */
const BUILDERS: Partial<Record<EventName, Build>> = {
  'message.created': messageFrame('message.created'),
  'message.updated': messageFrame('message.updated'),
  'first.reply.created': messageFrame('first.reply.created', true),
  'conversation.created': conversationFrame('conversation.created', true),
  'conversation.read': conversationFrame('conversation.read', false),
  'conversation.status_changed': conversationFrame('conversation.status_changed', true),
  'conversation.updated': conversationFrame('conversation.updated', true),
  'conversation.contact_changed': conversationFrame('conversation.contact_changed', false),
  'assignee.changed': conversationFrame('assignee.changed', false),
  'team.changed': conversationFrame('team.changed', false),
  'conversation.typing_on': typingFrame('conversation.typing_on'),
  'conversation.typing_off': typingFrame('conversation.typing_off'),
  'contact.created': contactFrame('contact.created'),
  'contact.updated': contactFrame('contact.updated'),
  'contact.merged': contactFrame('contact.merged'),
  'contact.deleted': contactFrame('contact.deleted'),
  'notification.created': notificationFrame('notification.created'),
  'notification.updated': notificationFrame('notification.updated'),
  'notification.deleted': notificationDeletedFrame,
  'conversation.mentioned': conversationMentionedFrame,
};

/** The event names that become cable frames. */
export const BROADCAST_EVENTS = Object.keys(BUILDERS) as EventName[];

async function performerOf(db: Executor, event: DomainEvent): Promise<Data | null> {
  if (event.actor?.type !== 'User' || event.actor.id === null || event.accountId === null) {
    return null;
  }
  const user = await userRepository.findById(db, event.actor.id);
  return user ? presentUserPush(user, (await accountUserRepository.find(db, event.accountId, user.id)) ?? null) : null;
}

/**
 * Builds the frame of an outbox event from the current state of what it names (null when
 * it is not broadcast or its subject is gone). Data gets `account_id`, `performer` when a
 * user caused it (except the re-read conversation events), and `sequence` = the event id.
 */
export async function buildFrame(db: Executor, event: DomainEvent): Promise<Frame | null> {
  const build = BUILDERS[event.name];
  const frame = build && event.accountId !== null ? await build(db, event) : null;
  if (!frame || frame.streams.length === 0) {
    return null;
  }
  // Object.assign, not a spread followed by more keys (a slow path of V8 paid once per frame).
  const data: Data = Object.assign({}, frame.data, { account_id: event.accountId });
  const performer = CURRENT_STATE_EVENTS.has(event.name) ? null : await performerOf(db, event);
  if (performer) {
    data.performer = performer;
  }
  data.sequence = event.id;
  return { event: frame.event, data, streams: [...new Set(frame.streams)], sequence: event.id };
}
