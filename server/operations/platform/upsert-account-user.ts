import { ROLES } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { AccountUserRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { invalid } from '../../lib/errors.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';
import { userRepository } from '../../repositories/user.repository.js';
import { enumInput } from '../agents/create-agent.js';

export interface UpsertAccountUserInput {
  user_id: number;
  /** `agent` or `administrator`; a new membership defaults to agent. */
  role?: string;
}

/**
 * Makes the user a member of `ctx.accountId` with the role, or changes the role of
 * an existing membership (`find_or_initialize_by(user_id).update!`). A new
 * membership records `agent.added`.
 */
export async function upsertAccountUser(ctx: Ctx, input: UpsertAccountUserInput): Promise<AccountUserRow> {
  if (!(await userRepository.findById(ctx.db, input.user_id))) {
    throw invalid('user_id', 'must exist');
  }
  const existing = await accountUserRepository.find(ctx.db, ctx.accountId, input.user_id);
  const role = enumInput(ROLES, 'role', input.role, existing?.role ?? 0);
  if (existing) {
    return accountUserRepository.update(ctx.db, existing.id, { role });
  }
  const membership = await accountUserRepository.insert(ctx.db, {
    account_id: ctx.accountId, user_id: input.user_id, role, inviter_id: null, active_at: null, availability: 0, auto_offline: true,
  });
  await recordEvent(ctx.db, { name: 'agent.added', accountId: ctx.accountId, actor: eventActor(ctx.actor), userId: input.user_id });
  return membership;
}
