import type { Executor } from '../../db/dialect.js';
import type { UserRow } from '../../db/schema.js';
import type { Env } from '../../env.js';
import { now } from '../../lib/clock.js';
import { invalid } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import { randomToken } from '../../lib/tokens.js';
import { userRepository } from '../../repositories/user.repository.js';
import { issueAccessToken } from '../access-tokens/issue-access-token.js';

export interface CreateUserInput {
  name: string;
  email: string;
  /** Plain password; when absent the user cannot sign in with a password until one is set. */
  password?: string;
  display_name?: string | null;
  custom_attributes?: Record<string, unknown>;
  /** Confirmed users skip email confirmation (platform-created users, the first administrator). */
  confirmed?: boolean;
}

/** Devise's email check: something@something, no spaces. */
export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+$/;

/** Password rule: at least 6 characters (Devise's default length). */
export function checkPassword(password: string): void {
  if (password.length < 6) {
    throw invalid('password', 'is too short (minimum is 6 characters)');
  }
  if (password.length > 128) {
    throw invalid('password', 'is too long (maximum is 128 characters)');
  }
}

/**
 * The normalized new email of a user who asks to change it: downcased, checked for
 * format and for another user holding it. Undefined when no email was given.
 */
export async function checkEmailChange(db: Executor, user: UserRow, requested: string | undefined): Promise<string | undefined> {
  const email = requested?.trim().toLowerCase();
  if (email !== undefined && email !== user.email) {
    if (!EMAIL_PATTERN.test(email)) {
      throw invalid('email', 'is invalid');
    }
    if (await userRepository.findByEmail(db, email)) {
      throw invalid('email', 'has already been taken');
    }
  }
  return email;
}

/** Creates a user with an access token; email is downcased and must be unique. */
export async function createUser(db: Executor, env: Env, input: CreateUserInput): Promise<{ user: UserRow; accessToken: string }> {
  const name = input.name?.trim();
  const email = input.email?.trim().toLowerCase();
  if (!name) {
    throw invalid('name', "can't be blank");
  }
  if (!email || !EMAIL_PATTERN.test(email)) {
    throw invalid('email', email ? 'is invalid' : "can't be blank");
  }
  if (await userRepository.findByEmail(db, email)) {
    throw invalid('email', 'has already been taken');
  }
  if (input.password !== undefined) {
    checkPassword(input.password);
  }
  const user = await userRepository.insert(db, {
    provider: 'email',
    uid: email,
    encrypted_password: input.password ? await hashPassword(input.password) : '',
    name,
    display_name: input.display_name ?? null,
    email,
    pubsub_token: randomToken(18),
    availability: 0,
    ui_settings: {},
    custom_attributes: input.custom_attributes ?? {},
    type: null,
    message_signature: null,
    avatar_url: null,
    confirmed_at: input.confirmed === false ? null : now(),
  });
  const accessToken = await issueAccessToken(db, env, 'User', user.id);
  return { user, accessToken };
}
