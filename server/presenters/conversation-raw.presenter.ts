import { Type, type Static } from '@sinclair/typebox';
import { CONVERSATION_PRIORITIES, CONVERSATION_STATUSES, enumName } from '../../common/enums.js';
import type { ConversationRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';

const NullableInt = Type.Union([Type.Integer(), Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const AnyObject = Type.Object({}, { additionalProperties: true });

/** The conversation model rendered raw (`render json: conversation`): its columns in table order, ISO times. */
export const RawConversationJson = Type.Object({
  id: Type.Integer(), account_id: Type.Integer(), inbox_id: Type.Integer(), status: Type.String(), assignee_id: NullableInt,
  created_at: Type.String(), updated_at: Type.String(), contact_id: Type.Integer(), display_id: Type.Integer(),
  contact_last_seen_at: NullableString, agent_last_seen_at: NullableString, additional_attributes: AnyObject,
  contact_inbox_id: NullableInt, uuid: Type.String(), identifier: NullableString, last_activity_at: NullableString,
  team_id: NullableInt, campaign_id: NullableInt, snoozed_until: NullableString, custom_attributes: AnyObject,
  assignee_last_seen_at: NullableString, first_reply_created_at: NullableString, priority: NullableString,
  sla_policy_id: NullableInt, waiting_since: NullableString, cached_label_list: NullableString, assignee_agent_bot_id: NullableInt,
});

/** Raw conversation shape. */
export function presentConversationRaw(c: ConversationRow): Static<typeof RawConversationJson> {
  return {
    id: c.id, account_id: c.account_id, inbox_id: c.inbox_id, status: enumName(CONVERSATION_STATUSES, c.status) ?? 'open',
    assignee_id: c.assignee_id, created_at: toIso(c.created_at) as string, updated_at: toIso(c.updated_at) as string,
    contact_id: c.contact_id, display_id: c.display_id, contact_last_seen_at: toIso(c.contact_last_seen_at),
    agent_last_seen_at: toIso(c.agent_last_seen_at), additional_attributes: c.additional_attributes, contact_inbox_id: c.contact_inbox_id,
    uuid: c.uuid, identifier: c.identifier, last_activity_at: toIso(c.last_activity_at), team_id: c.team_id, campaign_id: c.campaign_id,
    snoozed_until: toIso(c.snoozed_until), custom_attributes: c.custom_attributes, assignee_last_seen_at: toIso(c.assignee_last_seen_at),
    first_reply_created_at: toIso(c.first_reply_created_at), priority: enumName(CONVERSATION_PRIORITIES, c.priority),
    sla_policy_id: c.sla_policy_id, waiting_since: toIso(c.waiting_since), cached_label_list: c.cached_label_list || null,
    assignee_agent_bot_id: c.assignee_agent_bot_id,
  };
}
