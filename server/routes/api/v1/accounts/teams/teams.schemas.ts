import { Type } from '@sinclair/typebox';
import { TeamJson } from '../../../../../presenters/team.presenter.js';
import { AgentJson } from '../../../../../presenters/user.presenter.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const AccountParams = Type.Object({ account_id: Id });
export const TeamParams = Type.Object({ account_id: Id, id: Id });
export const TeamMembersParams = Type.Object({ account_id: Id, team_id: Id });

/** A string or null (one multi-type schema, so type coercion leaves null alone). */
const Nullable = (maxLength: number) => Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength }));

/** Create and update take the same fields, flat or inside `team`. */
export const TeamBody = Type.Object({
  name: Nullable(255),
  description: Nullable(20_000),
  allow_auto_assign: Type.Optional(Type.Boolean()),
});

/** `{user_ids: [...]}`; ids may come as strings. */
export const TeamMembersBody = Type.Object({
  user_ids: Type.Array(Type.Union([Type.Integer(), Type.String({ maxLength: 20 })]), { maxItems: 1000 }),
});

export const TeamListResponse = { 200: Type.Array(TeamJson) };
export const TeamResponse = { 200: TeamJson };
export const TeamMembersResponse = { 200: Type.Array(AgentJson) };
export const EmptyResponse = { 200: Type.Null({ description: 'Empty body' }) };
