import { Type, type Static } from '@sinclair/typebox';
import { enumName, ROLES } from '../../common/enums.js';
import type { AccountRow, AccountUserRow, UserRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';
import { userIdentity } from './user.presenter.js';
import { inWireOrder } from './wire-order.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A user as the Platform API renders one (`platform/api/v1/models/_user.json.jbuilder`), access_token included. */
export const PlatformUserJson = inWireOrder(Type.Object({
  access_token: Type.String(),
  account_id: Type.Union([Type.Integer(), Type.Null()]),
  available_name: Type.String(),
  avatar_url: Type.String(),
  confirmed: Type.Boolean(),
  display_name: NullableString,
  message_signature: NullableString,
  email: Type.String(),
  id: Type.Integer(),
  name: Type.String(),
  provider: Type.String(),
  pubsub_token: Type.String(),
  custom_attributes: Type.Optional(Type.Object({}, { additionalProperties: true })),
  role: NullableString,
  ui_settings: Type.Object({}, { additionalProperties: true }),
  uid: Type.String(),
  accounts: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), active_at: NullableString, role: Type.String() })),
}));

/** `POST /platform/api/v1/users/:id/token` (`users/token.json.jbuilder`). */
export const PlatformUserTokenJson = Type.Object({
  access_token: Type.String(),
  expiry: Type.Null(),
  user: Type.Object({
    id: Type.Integer(), name: Type.String(), display_name: NullableString, email: Type.String(), pubsub_token: Type.String(),
  }),
});

/**
 * Platform user shape. `memberships` pairs each account_users row with its account;
 * the active one (latest `active_at`, Chatwoot's `active_account_user`) gives account_id and role.
 */
export function presentPlatformUser(
  user: UserRow,
  accessToken: string,
  memberships: Array<{ membership: AccountUserRow; account: AccountRow }>,
): Static<typeof PlatformUserJson> {
  const active = [...memberships].sort((a, b) => (b.membership.active_at ?? -1) - (a.membership.active_at ?? -1))[0];
  return {
    ...userIdentity(user, accessToken),
    account_id: active?.account.id ?? null,
    role: active ? enumName(ROLES, active.membership.role) : null,
    accounts: memberships.map(({ membership, account }) => ({
      id: account.id, name: account.name, active_at: toIso(membership.active_at), role: enumName(ROLES, membership.role) ?? 'agent',
    })),
  };
}

/** The token endpoint's shape: the user's access token, no expiry, and who it belongs to. */
export function presentPlatformUserToken(user: UserRow, accessToken: string): Static<typeof PlatformUserTokenJson> {
  return {
    access_token: accessToken,
    expiry: null,
    user: { id: user.id, name: user.name, display_name: user.display_name, email: user.email, pubsub_token: user.pubsub_token },
  };
}
