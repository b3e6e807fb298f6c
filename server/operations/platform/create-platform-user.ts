import type { Ctx } from '../../context.js';
import type { UserRow } from '../../db/schema.js';
import { now } from '../../lib/clock.js';
import { invalid } from '../../lib/errors.js';
import { platformAppRepository } from '../../repositories/platform-app.repository.js';
import { userRepository } from '../../repositories/user.repository.js';
import { createUser } from '../users/create-user.js';

export interface CreatePlatformUserInput {
  name?: string;
  display_name?: string | null;
  email: string;
  /** Required for a new user. */
  password?: string;
  custom_attributes?: Record<string, unknown>;
}

/**
 * POST /platform/api/v1/users: reuses the user with that email as it is (only
 * marking it confirmed) or creates a confirmed user; either way the user becomes
 * one of the app's permissibles.
 */
export async function createPlatformUser(ctx: Omit<Ctx, 'accountId'>, appId: number, input: CreatePlatformUserInput): Promise<UserRow> {
  let user = await userRepository.findByEmail(ctx.db, input.email.trim());
  if (user && user.confirmed_at === null) {
    user = await userRepository.update(ctx.db, user.id, { confirmed_at: now() });
  }
  if (!user) {
    if (!input.password) {
      throw invalid('password', "can't be blank");
    }
    user = (await createUser(ctx.db, ctx.env, {
      name: input.name ?? '', email: input.email, password: input.password, display_name: input.display_name ?? null,
      custom_attributes: input.custom_attributes ?? {}, confirmed: true,
    })).user;
  }
  await platformAppRepository.addPermissible(ctx.db, appId, 'User', user.id);
  return user;
}
