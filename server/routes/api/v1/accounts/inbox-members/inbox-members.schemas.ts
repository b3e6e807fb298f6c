import { Type } from '@sinclair/typebox';
import { AgentJson } from '../../../../../presenters/user.presenter.js';

export const InboxMembersParams = Type.Object({ account_id: Type.Integer({ minimum: 1 }) });
export const InboxMembersShowParams = Type.Object({ account_id: Type.Integer({ minimum: 1 }), inbox_id: Type.Integer({ minimum: 1 }) });

/** `{inbox_id, user_ids[]}`; a missing inbox_id answers 404 as in Chatwoot, user ids may come as strings. */
export const InboxMembersBody = Type.Object({
  inbox_id: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1 })])),
  user_ids: Type.Array(Type.Union([Type.Integer(), Type.String({ maxLength: 20 })]), { maxItems: 1000 }),
});

export const InboxMembersResponse = { 200: Type.Object({ payload: Type.Array(AgentJson) }) };
export const InboxMembersDeleteResponse = { 200: Type.Null() };
