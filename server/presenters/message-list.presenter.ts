import { Type, type Static } from '@sinclair/typebox';
import type { AccountUserRow, ContactRow, ConversationRow, UserRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';
import { ContactPushJson, presentContactPush } from './contact.presenter.js';
import { presentUserPush, UserPushJson } from './user.presenter.js';
import { inWireOrder } from './wire-order.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** `meta` of the messages index (`conversations/messages/index.json.jbuilder`). */
export const MessagesMetaJson = inWireOrder(Type.Object({
  labels: Type.Array(Type.String()),
  additional_attributes: Type.Object({}, { additionalProperties: true }),
  contact: ContactPushJson,
  assignee: Type.Optional(UserPushJson),
  agent_last_seen_at: NullableString,
  assignee_last_seen_at: NullableString,
}));

/** What the meta shows about the conversation, loaded by the caller. */
export interface MessagesMetaFacts {
  conversation: ConversationRow;
  contact: ContactRow;
  assignee: { user: UserRow; membership: AccountUserRow | null } | null;
}

/** The messages index meta: labels, the contact and assignee push shapes, last-seen times as ISO strings. */
export function presentMessagesMeta(facts: MessagesMetaFacts): Static<typeof MessagesMetaJson> {
  const c = facts.conversation;
  return {
    labels: c.cached_label_list.split(',').map((label) => label.trim()).filter((label) => label.length > 0),
    additional_attributes: c.additional_attributes,
    contact: presentContactPush(facts.contact),
    ...(facts.assignee ? { assignee: presentUserPush(facts.assignee.user, facts.assignee.membership) } : {}),
    agent_last_seen_at: toIso(c.agent_last_seen_at),
    assignee_last_seen_at: toIso(c.assignee_last_seen_at),
  };
}
