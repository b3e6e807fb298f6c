import type { Executor } from '../../db/dialect.js';
import type { UserRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { userRepository } from '../../repositories/user.repository.js';
import { checkEmailChange, checkPassword } from './create-user.js';

export interface UpdateProfileInput {
  name?: string;
  display_name?: string | null;
  email?: string;
  message_signature?: string | null;
  ui_settings?: Record<string, unknown>;
  avatar_url?: string | null;
  /** Required to change the password. */
  current_password?: string;
  password?: string;
  password_confirmation?: string;
}

/** Updates the signed-in user's own profile; a password change needs the current one. */
export async function updateProfile(db: Executor, user: UserRow, input: UpdateProfileInput): Promise<UserRow> {
  if (input.password !== undefined && input.password !== '') {
    if (!(await verifyPassword(user.encrypted_password, input.current_password ?? ''))) {
      throw invalid('current_password', 'is invalid');
    }
    checkPassword(input.password);
    if (input.password_confirmation !== undefined && input.password_confirmation !== input.password) {
      throw invalid('password_confirmation', "doesn't match Password");
    }
  }
  if (input.name !== undefined && !input.name.trim()) {
    throw invalid('name', "can't be blank");
  }
  const email = await checkEmailChange(db, user, input.email);
  return userRepository.update(db, user.id, {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.display_name !== undefined ? { display_name: input.display_name } : {}),
    ...(email !== undefined ? { email, uid: email } : {}),
    ...(input.message_signature !== undefined ? { message_signature: input.message_signature } : {}),
    ...(input.ui_settings !== undefined ? { ui_settings: input.ui_settings } : {}),
    ...(input.avatar_url !== undefined ? { avatar_url: input.avatar_url } : {}),
    ...(input.password ? { encrypted_password: await hashPassword(input.password) } : {}),
  });
}
