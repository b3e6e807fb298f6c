import { Type } from '@sinclair/typebox';
import { PlatformUserJson, PlatformUserTokenJson } from '../../../../presenters/platform-user.presenter.js';

export const PlatformUserParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const userAttributes = {
  name: Type.Optional(Type.String({ maxLength: 255 })),
  display_name: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 255 })])),
  password: Type.Optional(Type.String({ maxLength: 128 })),
  custom_attributes: Type.Optional(Type.Object({}, { additionalProperties: true })),
};

export const CreatePlatformUserBody = Type.Object({ ...userAttributes, email: Type.String({ minLength: 1, maxLength: 255 }) });
export const UpdatePlatformUserBody = Type.Object({ ...userAttributes, email: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) });

export const PlatformUserResponse = { 200: PlatformUserJson };
export const PlatformUserTokenResponse = { 200: PlatformUserTokenJson };
export const PlatformUserLoginResponse = { 200: Type.Object({ url: Type.String() }) };
export const PlatformUserDeleteResponse = { 200: Type.Null() };
