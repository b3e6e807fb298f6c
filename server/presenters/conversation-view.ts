import type { Static } from '@sinclair/typebox';
import type { AccountUserRow, AgentBotRow, ContactInboxRow, ContactRow, ConversationRow, TeamRow, UserRow } from '../db/schema.js';
import { MessagePushJson, presentMessagePush, type MessageView } from './message.presenter.js';

/** A conversation with everything its shapes embed, loaded in batches by finders/conversation-views.finder.ts. */
export interface ConversationView {
  conversation: ConversationRow;
  contact: ContactRow;
  contactInbox: ContactInboxRow | null;
  channelType: string;
  /** The assigned user with their membership in this account (null when unassigned or no longer a member). */
  assignee: { user: UserRow; membership: AccountUserRow } | null;
  assigneeBot: AgentBotRow | null;
  team: TeamRow | null;
  /** The caller belongs to the team (the REST team shape's `is_member`). */
  teamIsMember: boolean;
  /** Latest message of any kind (REST `messages`). */
  lastMessage: MessageView | null;
  lastNonActivityMessage: MessageView | null;
  /** Latest message that is neither activity nor private (push `messages`); loaded only for push. */
  lastChatMessage: MessageView | null;
  /** Incoming messages after agent_last_seen_at, capped at 10. */
  unreadCount: number;
  canReply: boolean;
}

/** `cached_label_list` ("a, b") as the list of titles. */
export function labelsOf(c: ConversationRow): string[] {
  return c.cached_label_list.split(',').map((l) => l.trim()).filter((l) => l.length > 0);
}

/** Push shape of one of the conversation's messages, with the conversation facts it embeds. */
export function presentConversationMessage(view: ConversationView, message: MessageView): Static<typeof MessagePushJson> {
  const c = view.conversation;
  return presentMessagePush(message, {
    assignee_id: c.assignee_id, unread_count: view.unreadCount, last_activity_at: c.last_activity_at,
    source_id: view.contactInbox?.source_id ?? null,
  });
}
