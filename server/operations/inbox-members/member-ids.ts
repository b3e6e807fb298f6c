import type { Ctx } from '../../context.js';
import { HttpError } from '../../lib/errors.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';

/** Ids are integer columns: anything larger cannot exist. */
const MAX_ID = 2_147_483_647;

/**
 * Turns the requested `user_ids` (numbers or numeric strings) into ids of users who
 * belong to the account; anything else is refused with Chatwoot's 422
 * "User must exist", naming `user_ids`.
 */
export async function accountMemberIds(ctx: Ctx, requested: Array<number | string>): Promise<number[]> {
  const ids = [...new Set(requested.map((id) => Number(id)))];
  const refused = new HttpError(422, { message: 'User must exist', attributes: ['user_ids'] });
  if (ids.some((id) => !Number.isInteger(id) || id < 1 || id > MAX_ID)) {
    throw refused;
  }
  const memberships = await accountUserRepository.findMany(ctx.db, ctx.accountId, ids);
  if (memberships.length !== ids.length) {
    throw refused;
  }
  return ids;
}
