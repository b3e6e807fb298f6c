import { Type } from '@sinclair/typebox';
import { AVAILABILITIES, ROLES } from '../../../../../../common/enums.js';
import { AgentJson } from '../../../../../presenters/user.presenter.js';

const oneOf = (names: readonly string[]) => Type.Union(names.map((name) => Type.Literal(name)));

export const AgentListParams = Type.Object({ account_id: Type.Integer({ minimum: 1 }) });
export const AgentParams = Type.Object({ account_id: Type.Integer({ minimum: 1 }), id: Type.Integer({ minimum: 1 }) });

/** POST body (flat or wrapped in `agent`). */
export const CreateAgentBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 255 })),
  email: Type.String({ minLength: 1, maxLength: 255 }),
  role: Type.Optional(oneOf(ROLES)),
  availability: Type.Optional(oneOf(AVAILABILITIES)),
  auto_offline: Type.Optional(Type.Boolean()),
  custom_role_id: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 2_147_483_647 })])),
});

/** PATCH/PUT body (flat or wrapped in `agent`). */
export const UpdateAgentBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  role: Type.Optional(oneOf(ROLES)),
  availability: Type.Optional(oneOf(AVAILABILITIES)),
  auto_offline: Type.Optional(Type.Boolean()),
  custom_role_id: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 2_147_483_647 })])),
});

export const AgentListResponse = { 200: Type.Array(AgentJson) };
export const AgentResponse = { 200: AgentJson };
export const AgentDeleteResponse = { 200: Type.Null() };
