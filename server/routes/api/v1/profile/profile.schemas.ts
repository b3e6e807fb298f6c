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

/** `POST /profile/availability`: `{profile: {account_id, availability}}`. */
export const AvailabilityBody = Type.Object({
  account_id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  availability: Type.Union([Type.Literal('online'), Type.Literal('busy'), Type.Literal('offline')]),
});

/** `POST /profile/auto_offline`: `{profile: {account_id, auto_offline}}`; a missing flag means false. */
export const AutoOfflineBody = Type.Object({
  account_id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  auto_offline: Type.Optional(Type.Union([Type.Null(), Type.Boolean()])),
});
