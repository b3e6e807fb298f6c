import { Type } from '@sinclair/typebox';
import { CustomRoleJson } from '../../../../../presenters/custom-role.presenter.js';

export const AccountParams = Type.Object({ account_id: Type.Integer({ minimum: 1 }) });
export const CustomRoleParams = Type.Object({ account_id: Type.Integer({ minimum: 1 }), id: Type.Integer({ minimum: 1 }) });

/** Body, wrapped in `custom_role` or flat (Rails' params wrapper). */
export const CustomRoleBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 255 })),
  description: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000 })])),
  permissions: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 32 })),
});

export const CustomRoleListResponse = { 200: Type.Array(CustomRoleJson) };
export const CustomRoleResponse = { 200: CustomRoleJson };
export const EmptyResponse = { 200: Type.Null() };
