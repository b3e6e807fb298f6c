import { Type, type Static } from '@sinclair/typebox';
import type { TeamRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A team as the Application API renders it (`models/_team.json.jbuilder`). */
export const TeamJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: NullableString,
  allow_auto_assign: Type.Boolean(),
  account_id: Type.Integer(),
  is_member: Type.Boolean(),
});

/** The raw team row (`render json: @team`, as the assignments endpoint answers). */
export const TeamRawJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: NullableString,
  allow_auto_assign: Type.Boolean(),
  account_id: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
});

/** A team inside push payloads (Team#push_event_data). */
export const TeamPushJson = Type.Object({ id: Type.Integer(), name: Type.String() });

/** Application API shape; `isMember` says whether the caller belongs to the team. */
export function presentTeam(row: TeamRow, isMember: boolean): Static<typeof TeamJson> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    allow_auto_assign: row.allow_auto_assign,
    account_id: row.account_id,
    is_member: isMember,
  };
}

/** Raw row shape, timestamps as ISO strings. */
export function presentTeamRaw(row: TeamRow): Static<typeof TeamRawJson> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    allow_auto_assign: row.allow_auto_assign,
    account_id: row.account_id,
    created_at: toIso(row.created_at) as string,
    updated_at: toIso(row.updated_at) as string,
  };
}

/** Push shape. */
export function presentTeamPush(row: TeamRow): Static<typeof TeamPushJson> {
  return { id: row.id, name: row.name };
}
