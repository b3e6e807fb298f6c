import type { Ctx } from '../../context.js';
import type { UserRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import { userRepository } from '../../repositories/user.repository.js';
import { checkEmailChange, checkPassword } from '../users/create-user.js';

export interface UpdatePlatformUserInput {
  name?: string;
  display_name?: string | null;
  /** Changed at once, without reconfirmation. */
  email?: string;
  password?: string;
  /** Merged into the stored custom attributes. */
  custom_attributes?: Record<string, unknown>;
}

/** Updates a user on behalf of a platform app; custom_attributes are merged. */
export async function updatePlatformUser(ctx: Omit<Ctx, 'accountId'>, user: UserRow, input: UpdatePlatformUserInput): Promise<UserRow> {
  if (input.name !== undefined && !input.name.trim()) {
    throw invalid('name', "can't be blank");
  }
  const email = await checkEmailChange(ctx.db, user, input.email);
  if (input.password !== undefined) {
    checkPassword(input.password);
  }
  return userRepository.update(ctx.db, user.id, {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.display_name !== undefined ? { display_name: input.display_name } : {}),
    ...(email !== undefined ? { email, uid: email } : {}),
    ...(input.password !== undefined ? { encrypted_password: await hashPassword(input.password) } : {}),
    ...(input.custom_attributes !== undefined ? { custom_attributes: { ...user.custom_attributes, ...input.custom_attributes } } : {}),
  });
}
