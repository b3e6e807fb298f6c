import type { Ctx } from '../../context.js';
import { invalid } from '../../lib/errors.js';
import { teamRepository } from '../../repositories/team.repository.js';

export interface TeamInput {
  /** Stored in lower case (Chatwoot downcases team names); unique in the account. */
  name?: string | null;
  description?: string | null;
  /** Whether conversations of the team are auto-assigned to its members. */
  allow_auto_assign?: boolean;
}

export interface TeamValues {
  name?: string;
  description?: string | null;
  allow_auto_assign?: boolean;
}

/**
 * Checks and normalizes the given fields: a name must not be blank and must not be
 * another team's of the account (`exceptId`: the team being updated).
 */
export async function teamAttributes(ctx: Ctx, input: TeamInput, exceptId: number | null): Promise<TeamValues> {
  const values: TeamValues = {};
  if (input.name !== undefined || exceptId === null) {
    const name = (input.name ?? '').trim().toLowerCase();
    if (name === '') {
      throw invalid('name', "can't be blank");
    }
    const other = await teamRepository.findByName(ctx.db, ctx.accountId, name);
    if (other && other.id !== exceptId) {
      throw invalid('name', 'has already been taken');
    }
    values.name = name;
  }
  if (input.description !== undefined) {
    values.description = input.description;
  }
  if (input.allow_auto_assign !== undefined) {
    values.allow_auto_assign = input.allow_auto_assign;
  }
  return values;
}
