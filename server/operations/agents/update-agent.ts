import { AVAILABILITIES, ROLES } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import type { AccountUserRow, UserRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
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
  if (membership.role === 1 && role !== 1 && (await accountUserRepository.countAdministrators(ctx.db, ctx.accountId)) <= 1) {
    throw invalid('role', 'cannot be changed for the last administrator of the account');
  }
  const updatedUser = input.name !== undefined ? await userRepository.update(ctx.db, user.id, { name: input.name.trim() }) : user;
  const updatedMembership = await accountUserRepository.update(ctx.db, membership.id, {
    role, availability, auto_offline: input.auto_offline ?? membership.auto_offline,
  });
  await recordAvailabilityChange(ctx, membership, updatedMembership);
  return { user: updatedUser, membership: updatedMembership };
}
