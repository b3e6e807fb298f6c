import { AVAILABILITIES } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import type { AccountUserRow } from '../../db/schema.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';
import { enumInput } from '../agents/create-agent.js';
import { recordAvailabilityChange } from './record-availability-change.js';

export interface SetAvailabilityInput {
  /** `online`, `busy` or `offline`. */
  availability?: string;
  /** false: presence is ignored and the chosen availability always shows. */
  auto_offline?: boolean;
}

/** An agent sets their own availability or auto_offline in one account (ProfilesController#availability, #auto_offline). */
export async function setAvailability(ctx: Ctx, membership: AccountUserRow, input: SetAvailabilityInput): Promise<AccountUserRow> {
  const availability = enumInput(AVAILABILITIES, 'availability', input.availability, membership.availability);
  const updated = await accountUserRepository.update(ctx.db, membership.id, {
    availability, auto_offline: input.auto_offline ?? membership.auto_offline,
  });
  await recordAvailabilityChange(ctx, membership, updated);
  return updated;
}
