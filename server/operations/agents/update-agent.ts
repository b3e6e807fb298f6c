import { AVAILABILITIES, ROLES } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import type { AccountUserRow, UserRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { changesBetween, recordAudit } from '../audit/record-audit.js';
import { checkCustomRole } from '../custom-roles/check-custom-role.js';
import { checkNotLastVerifiedAdministrator } from './remove-agent.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';
import { userRepository } from '../../repositories/user.repository.js';
import { recordAvailabilityChange } from '../availability/record-availability-change.js';
import { enumInput } from './create-agent.js';

export interface UpdateAgentInput {
  name?: string;
  /** `agent` or `administrator`; the last administrator cannot be made an agent. */
  role?: string;
  /** `online`, `offline` or `busy`. */
  availability?: string;
  auto_offline?: boolean;
  /** A custom role of the account, or null to go back to the built-in role; unchanged when absent. */
  custom_role_id?: number | null;
}

/** Changes an agent's name and their role, availability and auto_offline in this account. */
export async function updateAgent(
  ctx: Ctx,
  user: UserRow,
  membership: AccountUserRow,
  input: UpdateAgentInput,
): Promise<{ user: UserRow; membership: AccountUserRow }> {
  if (input.name !== undefined && !input.name.trim()) {
    throw invalid('name', "can't be blank");
  }
  const role = enumInput(ROLES, 'role', input.role, membership.role);
  const availability = enumInput(AVAILABILITIES, 'availability', input.availability, membership.availability);
  if (role !== 1) {
    await checkNotLastVerifiedAdministrator(ctx, membership, invalid('role', 'cannot be changed for the last verified administrator of the account'));
  }
  const customRoleId = input.custom_role_id === undefined ? membership.custom_role_id : await checkCustomRole(ctx, input.custom_role_id);
  const updatedUser = input.name !== undefined ? await userRepository.update(ctx.db, user.id, { name: input.name.trim() }) : user;
  const updatedMembership = await accountUserRepository.update(ctx.db, membership.id, {
    role, availability, auto_offline: input.auto_offline ?? membership.auto_offline, custom_role_id: customRoleId,
  });
  await recordAudit(ctx, {
    auditableType: 'AccountUser', auditableId: membership.id, action: 'update', changes: changesBetween(membership, updatedMembership),
  });
  await recordAvailabilityChange(ctx, membership, updatedMembership);
  return { user: updatedUser, membership: updatedMembership };
}
