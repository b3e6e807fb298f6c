import type { Executor } from '../../db/dialect.js';
import { accessTokenRepository } from '../../repositories/access-token.repository.js';
import { platformAppRepository } from '../../repositories/platform-app.repository.js';
import { userRepository } from '../../repositories/user.repository.js';

/**
 * Deletes a user row with its access token and platform-app records. Memberships,
 * inbox and team memberships go by cascading foreign keys and assigned
 * conversations become unassigned; callers detach the user from accounts first.
 */
export async function deleteUserRecord(db: Executor, userId: number): Promise<void> {
  await accessTokenRepository.removeByOwner(db, 'User', userId);
  await platformAppRepository.removePermissible(db, 'User', userId);
  await userRepository.remove(db, userId);
}
