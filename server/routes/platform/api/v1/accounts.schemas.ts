import { Type } from '@sinclair/typebox';
import { ACCOUNT_STATUSES } from '../../../../../common/enums.js';
import { PlatformAccountJson } from '../../../../presenters/account.presenter.js';

const AnyObject = Type.Object({}, { additionalProperties: true });

export const PlatformAccountParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const accountAttributes = {
  locale: Type.Optional(Type.String({ minLength: 2, maxLength: 10 })),
  domain: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 100 })])),
  support_email: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 100 })])),
  status: Type.Optional(Type.Union(ACCOUNT_STATUSES.map((name) => Type.Literal(name)))),
  limits: Type.Optional(AnyObject),
  custom_attributes: Type.Optional(AnyObject),
  features: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.Boolean())),
};

export const CreatePlatformAccountBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 255 }), ...accountAttributes });
export const UpdatePlatformAccountBody = Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })), ...accountAttributes });

export const PlatformAccountResponse = { 200: PlatformAccountJson };
export const PlatformAccountListResponse = { 200: Type.Array(PlatformAccountJson) };
export const EmptyResponse = { 200: Type.Null() };
