import type { Executor } from '../../db/dialect.js';
import type { UserRow } from '../../db/schema.js';
import { now } from '../../lib/clock.js';
import { HttpError } from '../../lib/errors.js';
import { userRepository } from '../../repositories/user.repository.js';
import { findByConfirmationToken } from './account-tokens.js';

/** Confirms the email of the user holding `token` (Devise's confirm); 422 as Chatwoot when unknown or already confirmed. */
export async function confirmUser(db: Executor, token: string): Promise<UserRow> {
  const user = token ? await findByConfirmationToken(db, token) : undefined;
  if (!user) {
    throw new HttpError(422, { message: 'Invalid token', redirect_url: '/' });
  }
  if (user.confirmed_at !== null) {
    throw new HttpError(422, { message: 'Already confirmed', redirect_url: '/' });
  }
  // The token stays, so following the link again answers "Already confirmed" (as Devise).
  return userRepository.update(db, user.id, { confirmed_at: now() });
}
