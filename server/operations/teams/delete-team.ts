import type { Ctx } from '../../context.js';
import type { TeamRow } from '../../db/schema.js';
import { accountRepository } from '../../repositories/account.repository.js';
import { auditedValues, recordAudit } from '../audit/record-audit.js';
import { teamRepository } from '../../repositories/team.repository.js';

/** Deletes a team: its memberships go, its conversations stay without a team (Chatwoot's `dependent: :nullify`). */
export async function deleteTeam(ctx: Ctx, team: TeamRow): Promise<void> {
  await teamRepository.remove(ctx.db, ctx.accountId, team.id);
  await accountRepository.update(ctx.db, ctx.accountId, {});
  await recordAudit(ctx, { auditableType: 'Team', auditableId: team.id, action: 'destroy', changes: auditedValues(team) });
}
