import { Type } from '@sinclair/typebox';
import { AccountJson } from '../../../../presenters/account.presenter.js';

export const AccountParams = Type.Object({ account_id: Type.Integer({ minimum: 1 }) });

export const UpdateAccountBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  locale: Type.Optional(Type.String({ maxLength: 10 })),
  domain: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 100 })])),
  support_email: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 100 })])),
  custom_attributes: Type.Optional(Type.Object({}, { additionalProperties: true })),
  settings: Type.Optional(Type.Object({}, { additionalProperties: true })),
  auto_resolve_after: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 10, maximum: 1_439_856 })])),
  auto_resolve_message: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 10_000 })])),
});

export const AccountResponse = { 200: AccountJson };
