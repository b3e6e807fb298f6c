import { Type } from '@sinclair/typebox';
import { ROLES } from '../../../../../common/enums.js';
import { AccountUserRawJson } from '../../../../presenters/account-user.presenter.js';

export const AccountUsersParams = Type.Object({ account_id: Type.Integer({ minimum: 1 }) });

export const UpsertAccountUserBody = Type.Object({
  user_id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  role: Type.Optional(Type.Union(ROLES.map((name) => Type.Literal(name)))),
});

export const RemoveAccountUserBody = Type.Object({ user_id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const AccountUserListResponse = { 200: Type.Array(AccountUserRawJson) };
export const AccountUserResponse = { 200: AccountUserRawJson };
export const AccountUserDeleteResponse = { 200: Type.Null() };
