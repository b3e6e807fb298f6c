import type { Executor } from '../../db/dialect.js';
import type { UserRow } from '../../db/schema.js';
import { now } from '../../lib/clock.js';
import { HttpError, invalid } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import { userSessionRepository } from '../../repositories/user-session.repository.js';
import { userRepository } from '../../repositories/user.repository.js';
import { checkPassword } from '../users/create-user.js';
import { findByResetPasswordToken } from './account-tokens.js';

/** Chatwoot's answer to an unknown, used or expired token. */
export const INVALID_TOKEN = new HttpError(422, { message: 'Invalid token', redirect_url: '/' });

export interface ResetPasswordInput {
  /** The token from the emailed link. */
  reset_password_token: string;
  password: string;
  /** Must equal `password` when given. */
  password_confirmation?: string;
}

/**
 * Sets a new password from an emailed reset (or invitation) link: confirms the user if
 * they were not yet, spends the token, and signs every client out
 * (devise_token_auth `remove_tokens_after_password_reset`).
 */
export async function resetPassword(db: Executor, input: ResetPasswordInput): Promise<UserRow> {
  const user = input.reset_password_token ? await findByResetPasswordToken(db, input.reset_password_token) : undefined;
  if (!user) {
    throw INVALID_TOKEN;
  }
  checkPassword(input.password);
  if (input.password_confirmation !== undefined && input.password_confirmation !== input.password) {
    throw invalid('password_confirmation', "doesn't match Password");
  }
  await userSessionRepository.removeAllOfUser(db, user.id);
  return userRepository.update(db, user.id, {
    encrypted_password: await hashPassword(input.password),
    reset_password_token: null,
    reset_password_sent_at: null,
    confirmation_token: null,
    confirmed_at: user.confirmed_at ?? now(),
  });
}
