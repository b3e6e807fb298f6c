import { Type, type Static } from '@sinclair/typebox';
import { AVAILABILITIES, enumName, ROLES } from '../../common/enums.js';
import type { AccountUserRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';

const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

/** An account_users row rendered raw (Rails `render json: account_user`): every column, enums as names, ISO times. */
export const AccountUserRawJson = Type.Object({
  id: Type.Integer(),
  account_id: Type.Integer(),
  user_id: Type.Integer(),
  role: Type.String(),
  inviter_id: NullableInt,
  created_at: Type.String(),
  updated_at: Type.String(),
  active_at: Type.Union([Type.String(), Type.Null()]),
  availability: Type.String(),
  auto_offline: Type.Boolean(),
  custom_role_id: NullableInt,
  agent_capacity_policy_id: NullableInt,
});

/** Raw membership shape (Platform API account_users). */
export function presentAccountUserRaw(row: AccountUserRow): Static<typeof AccountUserRawJson> {
  return {
    id: row.id,
    account_id: row.account_id,
    user_id: row.user_id,
    role: enumName(ROLES, row.role) ?? 'agent',
    inviter_id: row.inviter_id,
    created_at: toIso(row.created_at) as string,
    updated_at: toIso(row.updated_at) as string,
    active_at: toIso(row.active_at),
    availability: enumName(AVAILABILITIES, row.availability) ?? 'online',
    auto_offline: row.auto_offline,
    custom_role_id: null,
    agent_capacity_policy_id: null,
  };
}
