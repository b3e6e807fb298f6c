import type { Ctx } from '../../context.js';
import type { TeamRow } from '../../db/schema.js';
import { accountRepository } from '../../repositories/account.repository.js';
import { teamRepository } from '../../repositories/team.repository.js';
import { auditedValues, recordAudit } from '../audit/record-audit.js';
import { rethrowTaken } from '../contacts/taken-error.js';
import { teamAttributes, type TeamInput } from './team-attributes.js';

/** Creates a team (name required, unique per account); touches the account so clients refetch teams. */
export async function createTeam(ctx: Ctx, input: TeamInput): Promise<TeamRow> {
  const values = await teamAttributes(ctx, input, null);
  let team: TeamRow;
  try {
    team = await teamRepository.insert(ctx.db, {
      account_id: ctx.accountId, name: values.name as string, description: values.description ?? null,
      allow_auto_assign: values.allow_auto_assign ?? true,
    });
  } catch (error) {
    return rethrowTaken(error, ['name']);
  }
  await accountRepository.update(ctx.db, ctx.accountId, {});
  await recordAudit(ctx, { auditableType: 'Team', auditableId: team.id, action: 'create', changes: auditedValues(team) });
  return team;
}
