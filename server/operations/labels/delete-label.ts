import type { Ctx } from '../../context.js';
import type { LabelRow } from '../../db/schema.js';
import { accountRepository } from '../../repositories/account.repository.js';
import { labelRepository } from '../../repositories/label.repository.js';
import { taggingRepository } from '../../repositories/tagging.repository.js';

/**
 * Deletes a label and takes its title off every conversation and contact of the
 * account (Chatwoot's Labels::DestroyService, run here in the same transaction).
 * Touches the account so its `cache_keys.label` moves.
 */
export async function deleteLabel(ctx: Ctx, label: LabelRow): Promise<void> {
  await labelRepository.remove(ctx.db, ctx.accountId, label.id);
  await taggingRepository.removeTitle(ctx.db, ctx.accountId, label.title);
  await accountRepository.update(ctx.db, ctx.accountId, {});
}
