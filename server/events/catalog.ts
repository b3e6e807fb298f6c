/**
 * Domain event names (Chatwoot's, `lib/events/types.rb`) and the envelope every event
 * carries. Envelopes hold ids and diffs, never whole rows: consumers re-read what they need.
 */
export const EVENT_NAMES = [
  'account.created',
  'conversation.created',
  'conversation.updated',
  'conversation.opened',
  'conversation.resolved',
  'conversation.status_changed',
  'conversation.read',
  'conversation.contact_changed',
  'conversation.typing_on',
  'conversation.typing_off',
  'conversation.bot_handoff',
  'conversation.deleted',
  'assignee.changed',
  'team.changed',
  'message.created',
  'message.updated',
  'first.reply.created',
  'reply.created',
  'contact.created',
  'contact.updated',
  'contact.merged',
  'contact.deleted',
  'inbox.created',
  'inbox.updated',
  'agent.added',
  'agent.removed',
  'webhook.disabled',
  'webwidget.triggered',
  /** Not one of Chatwoot's: an agent's availability or auto_offline changed (AccountUser#update_presence_in_redis). */
  'agent.availability_changed',
  'notification.created',
  'notification.updated',
  'notification.deleted',
  'conversation.mentioned',
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

/** Who caused an event; automation ignores events caused by automation. */
export interface EventActor {
  type: 'User' | 'AgentBot' | 'Contact' | 'PlatformApp' | 'System';
  id: number | null;
}

/** `{ field: [before, after] }` for the columns an update changed. */
export type Changes = Record<string, [unknown, unknown]>;

/** The ids an event is about; each present only when it applies. */
export interface EventSubjects {
  conversationId?: number;
  messageId?: number;
  contactId?: number;
  inboxId?: number;
  userId?: number;
  /** The contact inbox (widget session) of `webwidget.triggered`. */
  contactInboxId?: number;
}

/** An event as consumers receive it. */
export interface DomainEvent extends EventSubjects {
  id: number;
  name: EventName;
  accountId: number | null;
  actor: EventActor | null;
  changes?: Changes;
  /** Extra facts a consumer cannot re-read later (e.g. `waiting_since` before a reply cleared it). */
  data?: Record<string, unknown>;
  occurredAt: number;
}
