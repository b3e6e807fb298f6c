import { Type, type Static } from '@sinclair/typebox';
import { CONVERSATION_PRIORITIES, CONVERSATION_STATUSES, enumName } from '../../common/enums.js';
import { toIso, toUnix, toUnixFloat, toUnixOrZero } from '../lib/clock.js';
import { AgentBotSlimJson, presentAgentBotSlim } from './agent-bot.presenter.js';
import { ContactJson, presentContact } from './contact.presenter.js';
import { labelsOf, presentConversationMessage, type ConversationView } from './conversation-view.js';
import { MessagePushJson } from './message.presenter.js';
import { presentTeam, TeamJson } from './team.presenter.js';
import { AgentJson, presentAgent } from './user.presenter.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** REST shape (`conversations/partials/_conversation.json.jbuilder`). */
export const ConversationJson = Type.Object({
  meta: Type.Object({
    sender: ContactJson,
    channel: Nullable(Type.String()),
    assignee: Type.Optional(Type.Union([AgentJson, AgentBotSlimJson])),
    assignee_type: Type.Optional(Type.String()),
    team: Type.Optional(TeamJson),
    hmac_verified: Nullable(Type.Boolean()),
  }),
  id: Type.Integer(), messages: Type.Array(MessagePushJson), account_id: Type.Integer(), uuid: Type.String(),
  additional_attributes: AnyObject, agent_last_seen_at: Type.Integer(), assignee_last_seen_at: Type.Integer(),
  can_reply: Type.Boolean(), contact_last_seen_at: Type.Integer(), custom_attributes: AnyObject, inbox_id: Type.Integer(),
  labels: Type.Array(Type.String()), muted: Type.Boolean(), snoozed_until: Nullable(Type.String()), status: Type.String(),
  created_at: Type.Integer(), updated_at: Type.Number(), timestamp: Type.Integer(), first_reply_created_at: Type.Integer(),
  unread_count: Type.Integer(), last_non_activity_message: Nullable(MessagePushJson), last_activity_at: Type.Integer(),
  priority: Nullable(Type.String()), waiting_since: Type.Integer(), sla_policy_id: Nullable(Type.Integer()),
});

function presentMeta(view: ConversationView): Static<typeof ConversationJson>['meta'] {
  const assignee = view.assigneeBot ? { assignee: presentAgentBotSlim(view.assigneeBot), assignee_type: 'AgentBot' }
    : view.assignee ? { assignee: presentAgent(view.assignee.user, view.assignee.membership), assignee_type: 'User' } : {};
  return {
    sender: presentContact(view.contact), channel: view.channelType, ...assignee,
    ...(view.team ? { team: presentTeam(view.team, view.teamIsMember) } : {}),
    hmac_verified: view.contactInbox?.hmac_verified ?? null,
  };
}

/** REST shape of a conversation. */
export function presentConversation(view: ConversationView): Static<typeof ConversationJson> {
  const c = view.conversation;
  return {
    meta: presentMeta(view), id: c.display_id,
    messages: view.lastMessage ? [presentConversationMessage(view, view.lastMessage)] : [],
    account_id: c.account_id, uuid: c.uuid, additional_attributes: c.additional_attributes,
    agent_last_seen_at: toUnixOrZero(c.agent_last_seen_at), assignee_last_seen_at: toUnixOrZero(c.assignee_last_seen_at),
    can_reply: view.canReply, contact_last_seen_at: toUnixOrZero(c.contact_last_seen_at), custom_attributes: c.custom_attributes,
    inbox_id: c.inbox_id, labels: labelsOf(c), /* muted? is the contact being blocked, as Chatwoot */ muted: view.contact.blocked, snoozed_until: toIso(c.snoozed_until),
    status: enumName(CONVERSATION_STATUSES, c.status) ?? 'open', created_at: toUnix(c.created_at) as number,
    updated_at: toUnixFloat(c.updated_at), timestamp: toUnixOrZero(c.last_activity_at),
    first_reply_created_at: toUnixOrZero(c.first_reply_created_at), unread_count: view.unreadCount,
    last_non_activity_message: view.lastNonActivityMessage ? presentConversationMessage(view, view.lastNonActivityMessage) : null,
    last_activity_at: toUnixOrZero(c.last_activity_at), priority: enumName(CONVERSATION_PRIORITIES, c.priority),
    waiting_since: toUnixOrZero(c.waiting_since), sla_policy_id: c.sla_policy_id,
  };
}
