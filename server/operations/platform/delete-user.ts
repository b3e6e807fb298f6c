import type { Ctx } from '../../context.js';
import type { UserRow } from '../../db/schema.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';
import { deleteUserRecord } from '../agents/delete-user-record.js';
import { removeAgent } from '../agents/remove-agent.js';

/**
 * Deletes a user: first takes them out of each of their accounts (recording
 * `agent.removed` there), then deletes the user with their access token.
 */
export async function deleteUser(ctx: Omit<Ctx, 'accountId'>, user: UserRow): Promise<void> {
  for (const membership of await accountUserRepository.listByUser(ctx.db, user.id)) {
    await removeAgent({ ...ctx, accountId: membership.account_id }, user, membership, {
      keepLastAdministrator: false, deleteOrphanUser: false,
    });
  }
  await deleteUserRecord(ctx.db, user.id);
}
