import { Type, type Static } from '@sinclair/typebox';
import { ACCOUNT_STATUSES, AVAILABILITIES, enumName, ROLES } from '../../common/enums.js';
import type { AccountRow, AccountUserRow, CustomRoleRow, UserRow } from '../db/schema.js';
import { CustomRoleBriefJson, presentCustomRoleBrief } from './custom-role.presenter.js';
import { toIso } from '../lib/clock.js';
import { inWireOrder } from './wire-order.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

/** A user's membership as listed in the profile's `accounts`. */
export const ProfileAccountJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  status: Type.String(),
  onboarding_step: NullableString,
  active_at: NullableString,
  role: Type.String(),
  permissions: Type.Array(Type.String()),
  availability: Type.String(),
  availability_status: Type.String(),
  auto_offline: Type.Boolean(),
  custom_role_id: NullableInt,
  custom_role: Type.Union([CustomRoleBriefJson, Type.Null()]),
});

/** The profile and sign-in shape (`models/_user.json.jbuilder`). */
export const ProfileJson = inWireOrder(Type.Object({
  access_token: Type.String(),
  account_id: NullableInt,
  available_name: Type.String(),
  avatar_url: Type.String(),
  confirmed: Type.Boolean(),
  display_name: NullableString,
  message_signature: NullableString,
  email: Type.String(),
  id: Type.Integer(),
  inviter_id: NullableInt,
  name: Type.String(),
  provider: Type.String(),
  pubsub_token: Type.String(),
  custom_attributes: Type.Optional(AnyObject),
  role: NullableString,
  ui_settings: AnyObject,
  uid: Type.String(),
  type: NullableString,
  accounts: Type.Array(ProfileAccountJson),
}));

/** An agent as the agents endpoints render one (`models/_agent.json.jbuilder`). */
export const AgentJson = inWireOrder(Type.Object({
  id: Type.Integer(),
  account_id: Type.Integer(),
  availability_status: Type.String(),
  auto_offline: Type.Boolean(),
  confirmed: Type.Boolean(),
  email: Type.String(),
  provider: Type.String(),
  available_name: Type.String(),
  custom_attributes: Type.Optional(AnyObject),
  name: Type.String(),
  role: Type.String(),
  thumbnail: Type.String(),
  custom_role_id: NullableInt,
}));

/** A user as a message sender or assignee in push payloads. */
export const UserPushJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  available_name: Type.String(),
  avatar_url: Type.String(),
  type: Type.Literal('user'),
  availability_status: Type.String(),
  thumbnail: Type.String(),
});

/** `display_name` when set, else `name` (Chatwoot's `available_name`). */
export function availableName(user: UserRow): string {
  return user.display_name || user.name;
}

/**
 * Availability shown to others: the chosen availability while the user is
 * connected, `offline` otherwise (Chatwoot derives it from presence). With
 * auto_offline off, presence is not considered and the chosen availability shows.
 */
export function availabilityStatus(membership: AccountUserRow | null, online: boolean): string {
  if (membership && !membership.auto_offline) {
    return enumName(AVAILABILITIES, membership.availability) ?? 'offline';
  }
  if (!online || !membership) {
    return 'offline';
  }
  return enumName(AVAILABILITIES, membership.availability) ?? 'offline';
}

/** A membership's permissions as the profile lists them (Chatwoot's AccountUser#permissions, enterprise). */
function membershipPermissions(membership: AccountUserRow, customRole: CustomRoleRow | null | undefined): string[] {
  if (customRole) {
    return [...customRole.permissions, 'custom_role'];
  }
  return [enumName(ROLES, membership.role) ?? 'agent'];
}

/**
 * What the profile and the Platform API's user share (Chatwoot's user partials): who the
 * user is, with their access token. `custom_attributes` only when there are some.
 */
export function userIdentity(user: UserRow, accessToken: string) {
  return {
    access_token: accessToken,
    available_name: availableName(user),
    avatar_url: user.avatar_url ?? '',
    confirmed: user.confirmed_at !== null,
    display_name: user.display_name,
    message_signature: user.message_signature,
    email: user.email,
    id: user.id,
    name: user.name,
    provider: user.provider,
    pubsub_token: user.pubsub_token,
    ...(Object.keys(user.custom_attributes).length > 0 ? { custom_attributes: user.custom_attributes } : {}),
    ui_settings: user.ui_settings,
    uid: user.uid,
  };
}

/** Profile shape; `memberships` pairs each account_users row with its account (and custom role, if any); `connectedIn`: accounts where the user has a live connection. */
export function presentProfile(
  user: UserRow,
  accessToken: string,
  memberships: Array<{ membership: AccountUserRow; account: AccountRow; customRole?: CustomRoleRow | null }>,
  activeAccountId: number | null,
  connectedIn: ReadonlySet<number> = new Set(),
): Static<typeof ProfileJson> {
  const active = memberships.find((m) => m.account.id === activeAccountId) ?? memberships[0];
  return {
    ...userIdentity(user, accessToken),
    account_id: active?.account.id ?? null,
    inviter_id: active?.membership.inviter_id ?? null,
    role: active ? enumName(ROLES, active.membership.role) : null,
    type: user.type,
    accounts: memberships.map(({ membership, account, customRole }) => ({
      id: account.id,
      name: account.name,
      status: enumName(ACCOUNT_STATUSES, account.status) ?? 'active',
      onboarding_step: null,
      active_at: toIso(membership.active_at),
      role: enumName(ROLES, membership.role) ?? 'agent',
      permissions: membershipPermissions(membership, customRole),
      availability: enumName(AVAILABILITIES, membership.availability) ?? 'online',
      availability_status: availabilityStatus(membership, connectedIn.has(account.id)),
      auto_offline: membership.auto_offline,
      custom_role_id: membership.custom_role_id ?? null,
      custom_role: presentCustomRoleBrief(customRole),
    })),
  };
}

/** Agent shape, in the account of `membership`. */
export function presentAgent(user: UserRow, membership: AccountUserRow, online = false): Static<typeof AgentJson> {
  const hasCustom = Object.keys(user.custom_attributes).length > 0;
  return {
    id: user.id,
    account_id: membership.account_id,
    availability_status: availabilityStatus(membership, online),
    auto_offline: membership.auto_offline,
    confirmed: user.confirmed_at !== null,
    email: user.email,
    provider: user.provider,
    available_name: availableName(user),
    ...(hasCustom ? { custom_attributes: user.custom_attributes } : {}),
    name: user.name,
    role: enumName(ROLES, membership.role) ?? 'agent',
    thumbnail: user.avatar_url ?? '',
    custom_role_id: membership.custom_role_id ?? null,
  };
}

/** Push shape of a user (message sender, conversation assignee). */
export function presentUserPush(user: UserRow, membership: AccountUserRow | null, online = false): Static<typeof UserPushJson> {
  return {
    id: user.id,
    name: user.name,
    available_name: availableName(user),
    avatar_url: user.avatar_url ?? '',
    type: 'user',
    availability_status: availabilityStatus(membership, online),
    thumbnail: user.avatar_url ?? '',
  };
}
