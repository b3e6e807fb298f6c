import type { Ctx } from '../../context.js';
import { invalid } from '../../lib/errors.js';
import { customRoleRepository } from '../../repositories/custom-role.repository.js';

/** The id of a custom role of this account, null for none, or a 422 naming `custom_role_id`. */
export async function checkCustomRole(ctx: Ctx, customRoleId: number | null): Promise<number | null> {
  if (customRoleId === null) {
    return null;
  }
  if (!(await customRoleRepository.findById(ctx.db, ctx.accountId, customRoleId))) {
    throw invalid('custom_role_id', 'must be a custom role of this account');
  }
  return customRoleId;
}
