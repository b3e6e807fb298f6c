import { Type } from '@sinclair/typebox';
import { CONVERSATION_SORTS } from '../../../../../finders/conversation.finder.js';
import { AgentBotSlimJson } from '../../../../../presenters/agent-bot.presenter.js';
import { ConversationJson } from '../../../../../presenters/conversation.presenter.js';
import { TeamRawJson } from '../../../../../presenters/team.presenter.js';
import { AgentJson } from '../../../../../presenters/user.presenter.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const Id = Type.Integer({ minimum: 1 });
const NullableId = Type.Union([Type.Null(), Type.Integer({ minimum: 0 })]);
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const StatusName = literals(['open', 'resolved', 'pending', 'snoozed'] as const);
/** Unix seconds (a numeric string is accepted too). */
const UnixSeconds = Type.Integer({ minimum: 0, maximum: 32_503_680_000 });
const LabelList = Type.Array(Type.String({ maxLength: 255 }), { maxItems: 100 });

export const AccountParams = Type.Object({ account_id: Id });
export const ConversationParams = Type.Object({ account_id: Id, conversation_id: Id });
export const ContactConversationsParams = Type.Object({ account_id: Id, contact_id: Id });

/** ConversationFinder's params; `labels[]` is how Rails clients send the list. */
export const ConversationListQuery = Type.Object({
  status: Type.Optional(Type.Union([StatusName, Type.Literal('all')])),
  assignee_type: Type.Optional(literals(['me', 'unassigned', 'assigned', 'all'] as const)),
  inbox_id: Type.Optional(Id),
  team_id: Type.Optional(Id),
  labels: Type.Optional(LabelList),
  'labels[]': Type.Optional(LabelList),
  q: Type.Optional(Type.String({ maxLength: 1000 })),
  conversation_type: Type.Optional(literals(['mention', 'participating', 'unattended'] as const)),
  source_id: Type.Optional(Type.String({ maxLength: 255 })),
  sort_by: Type.Optional(literals(CONVERSATION_SORTS)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  updated_within: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const CreateConversationBody = Type.Object({
  source_id: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 255 })])),
  inbox_id: Type.Optional(Id),
  contact_id: Type.Optional(Id),
  status: Type.Optional(Type.Union([Type.Null(), StatusName, Type.Literal('')])),
  assignee_id: Type.Optional(NullableId),
  team_id: Type.Optional(NullableId),
  snoozed_until: Type.Optional(Type.Union([Type.Null(), UnixSeconds, Type.String({ format: 'date-time' })])),
  additional_attributes: Type.Optional(Type.Union([Type.Null(), AnyObject])),
  custom_attributes: Type.Optional(Type.Union([Type.Null(), AnyObject])),
  hmac_verified: Type.Optional(Type.Boolean()),
  message: Type.Optional(Type.Object({
    content: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 150_000 })])),
    template_params: Type.Optional(Type.Union([Type.Null(), AnyObject])),
  })),
});

const Priority = Type.Union([Type.Null(), literals(['low', 'medium', 'high', 'urgent'] as const), Type.Literal('')]);
export const UpdateConversationBody = Type.Object({ priority: Type.Optional(Priority) });
export const TogglePriorityBody = Type.Object({ priority: Type.Optional(Priority) });

export const ToggleStatusBody = Type.Object({
  status: Type.Optional(Type.Union([Type.Null(), StatusName, Type.Literal('')])),
  snoozed_until: Type.Optional(Type.Union([Type.Null(), UnixSeconds])),
});

export const AssignmentBody = Type.Object({
  assignee_id: Type.Optional(NullableId),
  assignee_type: Type.Optional(Type.String({ maxLength: 20 })),
  team_id: Type.Optional(NullableId),
});

export const LabelsBody = Type.Object({ labels: Type.Optional(LabelList) });
export const CustomAttributesBody = Type.Object({ custom_attributes: Type.Optional(Type.Union([Type.Null(), AnyObject])) });

const Counts = Type.Object({
  mine_count: Type.Integer(), assigned_count: Type.Integer(), unassigned_count: Type.Integer(), all_count: Type.Integer(),
});

export const ConversationResponse = { 200: ConversationJson };
export const ConversationListResponse = { 200: Type.Object({ data: Type.Object({ meta: Counts, payload: Type.Array(ConversationJson) }) }) };
export const ConversationMetaResponse = { 200: Type.Object({ meta: Counts }) };
export const ConversationPayloadResponse = { 200: Type.Object({ payload: Type.Array(ConversationJson) }) };
export const ToggleStatusResponse = {
  200: Type.Object({
    meta: Type.Object({}),
    payload: Type.Object({
      success: Type.Union([Type.Null(), Type.Boolean()]),
      conversation_id: Type.Integer(),
      current_status: Type.String(),
      snoozed_until: Type.Union([Type.Null(), Type.String()]),
    }),
  }),
};
export const EmptyResponse = { 200: Type.Null() };
export const AssignmentResponse = { 200: Type.Union([Type.Null(), AgentJson, AgentBotSlimJson, TeamRawJson]) };
export const LabelsResponse = { 200: Type.Object({ payload: Type.Array(Type.String()) }) };
export const CustomAttributesResponse = { 200: Type.Object({ custom_attributes: AnyObject }) };
