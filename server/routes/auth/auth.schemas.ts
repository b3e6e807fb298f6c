import { Type } from '@sinclair/typebox';
import { ProfileJson } from '../../presenters/user.presenter.js';

const Failure = Type.Object({ success: Type.Boolean(), errors: Type.Array(Type.String()) }, { additionalProperties: true });
const Message = Type.Object({ message: Type.String(), redirect_url: Type.Optional(Type.String()) });

/** The email and password are optional in the schema: devise_token_auth answers 401, not 422, when one is missing. */
export const SignInBody = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 255 })),
  password: Type.Optional(Type.String({ maxLength: 128 })),
});

export const EmailBody = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 255 })),
  redirect_url: Type.Optional(Type.String({ maxLength: 2048 })),
});

export const ResetPasswordBody = Type.Object({
  reset_password_token: Type.String({ maxLength: 255 }),
  password: Type.String({ maxLength: 128 }),
  password_confirmation: Type.Optional(Type.String({ maxLength: 128 })),
});

export const ConfirmationBody = Type.Object({
  confirmation_token: Type.String({ maxLength: 255 }),
});

/** `devise/_auth.json.jbuilder`: the user under `data`. */
export const AuthResponse = { 200: Type.Object({ data: ProfileJson }), 401: Failure };

/** `devise/token.json.jbuilder`: the user plus `created_at` under `payload.data`. */
export const ValidateTokenResponse = {
  200: Type.Object({
    payload: Type.Object({
      success: Type.Boolean(),
      data: Type.Intersect([ProfileJson, Type.Object({ created_at: Type.String() })]),
    }),
  }),
  401: Failure,
};

export const SignOutResponse = { 200: Type.Object({ success: Type.Boolean() }), 404: Failure };
export const MessageResponse = { 200: Message };
