import { Type, type Static } from '@sinclair/typebox';
import { CONVERSATION_PRIORITIES, CONVERSATION_STATUSES, enumName } from '../../common/enums.js';
import type { ContactInboxRow } from '../db/schema.js';
import { toIso, toUnixFloat, toUnixOrZero } from '../lib/clock.js';
import { AgentBotPushJson, presentAgentBotPush } from './agent-bot.presenter.js';
import { ContactPushJson, presentContactPush } from './contact.presenter.js';
import { labelsOf, presentConversationMessage, type ConversationView } from './conversation-view.js';
import { MessagePushJson } from './message.presenter.js';
import { presentTeamPush, TeamPushJson } from './team.presenter.js';
import { presentUserPush, UserPushJson } from './user.presenter.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** The raw contact_inboxes row the push shape embeds (pubsub_token included, as Chatwoot does). */
export const ContactInboxRawJson = Type.Object({
  id: Type.Integer(), contact_id: Type.Integer(), inbox_id: Type.Integer(), source_id: Type.String(),
  created_at: Type.String(), updated_at: Type.String(), hmac_verified: Type.Boolean(), pubsub_token: Type.String(),
});

/** Websocket and webhook shape (Conversations::EventDataPresenter#push_data). */
export const ConversationPushJson = Type.Object({
  additional_attributes: AnyObject, can_reply: Type.Boolean(), channel: NullableString,
  contact_inbox: Type.Union([ContactInboxRawJson, Type.Null()]), id: Type.Integer(), inbox_id: Type.Integer(),
  messages: Type.Array(MessagePushJson), labels: Type.Array(Type.String()),
  meta: Type.Object({
    sender: ContactPushJson,
    assignee: Type.Union([UserPushJson, AgentBotPushJson, Type.Null()]),
    assignee_type: NullableString,
    team: Type.Union([TeamPushJson, Type.Null()]),
    hmac_verified: Type.Union([Type.Boolean(), Type.Null()]),
  }),
  status: Type.String(), custom_attributes: AnyObject, snoozed_until: NullableString, unread_count: Type.Integer(),
  first_reply_created_at: NullableString, priority: NullableString, waiting_since: Type.Integer(),
  agent_last_seen_at: Type.Integer(), contact_last_seen_at: Type.Integer(), last_activity_at: Type.Integer(),
  timestamp: Type.Integer(), created_at: Type.Integer(), updated_at: Type.Number(),
});

function presentContactInboxRaw(row: ContactInboxRow): Static<typeof ContactInboxRawJson> {
  return {
    id: row.id, contact_id: row.contact_id, inbox_id: row.inbox_id, source_id: row.source_id,
    created_at: toIso(row.created_at) as string, updated_at: toIso(row.updated_at) as string,
    hmac_verified: row.hmac_verified, pubsub_token: row.pubsub_token,
  };
}

function presentPushMeta(view: ConversationView): Static<typeof ConversationPushJson>['meta'] {
  const assignee = view.assigneeBot ? presentAgentBotPush(view.assigneeBot)
    : view.assignee ? presentUserPush(view.assignee.user, view.assignee.membership) : null;
  return {
    sender: presentContactPush(view.contact),
    assignee,
    assignee_type: view.assigneeBot ? 'AgentBot' : view.conversation.assignee_id !== null ? 'User' : null,
    team: view.team ? presentTeamPush(view.team) : null,
    hmac_verified: view.contactInbox?.hmac_verified ?? null,
  };
}

/** Push shape of a conversation; `messages` holds the latest message that is neither activity nor private. */
export function presentConversationPush(view: ConversationView): Static<typeof ConversationPushJson> {
  const c = view.conversation;
  return {
    additional_attributes: c.additional_attributes, can_reply: view.canReply, channel: view.channelType,
    contact_inbox: view.contactInbox ? presentContactInboxRaw(view.contactInbox) : null, id: c.display_id,
    inbox_id: c.inbox_id, messages: view.lastChatMessage ? [presentConversationMessage(view, view.lastChatMessage)] : [],
    labels: labelsOf(c), meta: presentPushMeta(view), status: enumName(CONVERSATION_STATUSES, c.status) ?? 'open',
    custom_attributes: c.custom_attributes, snoozed_until: toIso(c.snoozed_until), unread_count: view.unreadCount,
    first_reply_created_at: toIso(c.first_reply_created_at), priority: enumName(CONVERSATION_PRIORITIES, c.priority),
    waiting_since: toUnixOrZero(c.waiting_since), agent_last_seen_at: toUnixOrZero(c.agent_last_seen_at),
    contact_last_seen_at: toUnixOrZero(c.contact_last_seen_at), last_activity_at: toUnixOrZero(c.last_activity_at),
    timestamp: toUnixOrZero(c.last_activity_at), created_at: toUnixOrZero(c.created_at), updated_at: toUnixFloat(c.updated_at),
  };
}
