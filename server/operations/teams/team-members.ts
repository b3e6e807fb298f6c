import type { Ctx } from '../../context.js';
import type { TeamRow } from '../../db/schema.js';
import { unauthorized } from '../../lib/errors.js';
import { accountRepository } from '../../repositories/account.repository.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';
import { teamRepository } from '../../repositories/team.repository.js';

const MAX_ID = 2_147_483_647;

/**
 * The requested user ids as integers, all of them users of the account; anything else
 * answers Chatwoot's 401 `{"error":"Invalid User IDs"}` (TeamMembersController).
 */
async function accountUserIds(ctx: Ctx, requested: Array<number | string>): Promise<number[]> {
  const ids = [...new Set(requested.map((id) => Number(id)))];
  if (ids.some((id) => !Number.isInteger(id) || id < 1 || id > MAX_ID)) {
    throw unauthorized('Invalid User IDs');
  }
  const memberships = await accountUserRepository.findMany(ctx.db, ctx.accountId, ids);
  if (memberships.length !== ids.length) {
    throw unauthorized('Invalid User IDs');
  }
  return ids;
}

/** Adds users to the team; returns the ids that were not members before, in the order given. */
export async function addTeamMembers(ctx: Ctx, team: TeamRow, userIds: Array<number | string>): Promise<number[]> {
  const ids = await accountUserIds(ctx, userIds);
  const current = new Set(await teamRepository.memberIds(ctx.db, team.id));
  const added = ids.filter((id) => !current.has(id));
  await teamRepository.addMembers(ctx.db, team.id, added);
  await accountRepository.update(ctx.db, ctx.accountId, {});
  return added;
}

/** Makes the team's members exactly `userIds`. */
export async function replaceTeamMembers(ctx: Ctx, team: TeamRow, userIds: Array<number | string>): Promise<void> {
  const ids = await accountUserIds(ctx, userIds);
  const current = await teamRepository.memberIds(ctx.db, team.id);
  const wanted = new Set(ids);
  await teamRepository.addMembers(ctx.db, team.id, ids.filter((id) => !current.includes(id)));
  await teamRepository.removeMembers(ctx.db, team.id, current.filter((id) => !wanted.has(id)));
  await accountRepository.update(ctx.db, ctx.accountId, {});
}

/** Takes users off the team; ids that are not members are ignored. */
export async function removeTeamMembers(ctx: Ctx, team: TeamRow, userIds: Array<number | string>): Promise<void> {
  const ids = await accountUserIds(ctx, userIds);
  await teamRepository.removeMembers(ctx.db, team.id, ids);
  await accountRepository.update(ctx.db, ctx.accountId, {});
}
