import { Type } from '@sinclair/typebox';
import { ProfileJson } from '../../../../presenters/user.presenter.js';

export const UpdateProfileBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  display_name: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 255 })])),
  email: Type.Optional(Type.String({ minLength: 3, maxLength: 255 })),
  message_signature: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 10_000 })])),
  ui_settings: Type.Optional(Type.Object({}, { additionalProperties: true })),
  avatar_url: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2048 })])),
  account_id: Type.Optional(Type.Integer()),
  current_password: Type.Optional(Type.String({ maxLength: 128 })),
  password: Type.Optional(Type.String({ maxLength: 128 })),
  password_confirmation: Type.Optional(Type.String({ maxLength: 128 })),
});

export const ProfileResponse = { 200: ProfileJson };
