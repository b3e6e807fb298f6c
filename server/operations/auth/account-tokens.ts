import type { Executor } from '../../db/dialect.js';
import type { UserRow } from '../../db/schema.js';
import { now } from '../../lib/clock.js';
import { digest, randomToken } from '../../lib/tokens.js';
import { userRepository } from '../../repositories/user.repository.js';

/** How long a reset-password link works (Devise `reset_password_within`, 6 hours in Chatwoot). */
export const RESET_PASSWORD_WITHIN_MS = 6 * 3_600_000;

/**
 * Gives the user a new reset-password token (replacing any earlier one) and returns its
 * plaintext for the email; only the digest is stored.
 */
export async function issueResetPasswordToken(db: Executor, user: UserRow): Promise<string> {
  const token = randomToken(20);
  await userRepository.update(db, user.id, { reset_password_token: digest(token), reset_password_sent_at: now() });
  return token;
}

/** Gives the user a new confirmation token and returns its plaintext; only the digest is stored. */
export async function issueConfirmationToken(db: Executor, user: UserRow): Promise<string> {
  const token = randomToken(20);
  await userRepository.update(db, user.id, { confirmation_token: digest(token), confirmation_sent_at: now() });
  return token;
}

/** The user whose reset-password token this is, while it is still valid. */
export async function findByResetPasswordToken(db: Executor, token: string): Promise<UserRow | undefined> {
  const user = await userRepository.findByTokenDigest(db, 'reset_password_token', digest(token));
  if (!user || (user.reset_password_sent_at ?? 0) + RESET_PASSWORD_WITHIN_MS <= now()) {
    return undefined;
  }
  return user;
}

/** The user whose confirmation token this is. */
export function findByConfirmationToken(db: Executor, token: string): Promise<UserRow | undefined> {
  return userRepository.findByTokenDigest(db, 'confirmation_token', digest(token));
}
