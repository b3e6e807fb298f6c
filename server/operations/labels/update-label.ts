import type { Ctx } from '../../context.js';
import type { LabelRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { accountRepository } from '../../repositories/account.repository.js';
import { labelRepository } from '../../repositories/label.repository.js';
import { taggingRepository } from '../../repositories/tagging.repository.js';
import { rethrowTaken } from '../contacts/taken-error.js';
import { prepareLabelAttributes, type LabelInput } from './prepare-label-attributes.js';

/**
 * Updates a label. A new title must be free in the account, and every
 * conversation and contact carrying the old title gets the new one (what
 * Chatwoot's Labels::UpdateJob does after commit, done here in the same
 * transaction). Touches the account so its `cache_keys.label` moves.
 */
export async function updateLabel(ctx: Ctx, label: LabelRow, input: LabelInput): Promise<LabelRow> {
  const values = prepareLabelAttributes(label, input);
  const renamed = values.title !== label.title;
  if (renamed && (await labelRepository.findByTitle(ctx.db, ctx.accountId, values.title))) {
    throw invalid('title', 'has already been taken');
  }
  let updated: LabelRow;
  try {
    updated = await labelRepository.update(ctx.db, ctx.accountId, label.id, values);
  } catch (error) {
    return rethrowTaken(error, ['title']);
  }
  if (renamed) {
    await taggingRepository.renameTitle(ctx.db, ctx.accountId, label.title, values.title);
  }
  await accountRepository.update(ctx.db, ctx.accountId, {});
  return updated;
}
