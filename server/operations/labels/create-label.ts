import type { Ctx } from '../../context.js';
import type { LabelRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { accountRepository } from '../../repositories/account.repository.js';
import { labelRepository } from '../../repositories/label.repository.js';
import { rethrowTaken } from '../contacts/taken-error.js';
import { prepareLabelAttributes, type LabelInput } from './prepare-label-attributes.js';

/**
 * Adds a label to the account's catalogue; the title is unique per account (422
 * naming title). Touches the account so its `cache_keys.label` moves and clients
 * refetch labels, as Chatwoot's AccountCacheRevalidator does.
 */
export async function createLabel(ctx: Ctx, input: LabelInput): Promise<LabelRow> {
  const values = prepareLabelAttributes(null, input);
  if (await labelRepository.findByTitle(ctx.db, ctx.accountId, values.title)) {
    throw invalid('title', 'has already been taken');
  }
  let label: LabelRow;
  try {
    label = await labelRepository.insert(ctx.db, { ...values, account_id: ctx.accountId });
  } catch (error) {
    return rethrowTaken(error, ['title']);
  }
  await accountRepository.update(ctx.db, ctx.accountId, {});
  return label;
}
