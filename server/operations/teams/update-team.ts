import type { Ctx } from '../../context.js';
import type { TeamRow } from '../../db/schema.js';
import { accountRepository } from '../../repositories/account.repository.js';
import { teamRepository } from '../../repositories/team.repository.js';
import { changesBetween, recordAudit } from '../audit/record-audit.js';
import { rethrowTaken } from '../contacts/taken-error.js';
import { teamAttributes, type TeamInput } from './team-attributes.js';

/** Changes the given fields of a team. */
export async function updateTeam(ctx: Ctx, team: TeamRow, input: TeamInput): Promise<TeamRow> {
  const values = await teamAttributes(ctx, input, team.id);
  let updated: TeamRow;
  try {
    updated = await teamRepository.update(ctx.db, ctx.accountId, team.id, values);
  } catch (error) {
    return rethrowTaken(error, ['name']);
  }
  await accountRepository.update(ctx.db, ctx.accountId, {});
  await recordAudit(ctx, { auditableType: 'Team', auditableId: team.id, action: 'update', changes: changesBetween(team, updated) });
  return updated;
}
