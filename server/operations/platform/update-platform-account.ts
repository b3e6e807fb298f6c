import type { Ctx } from '../../context.js';
import type { AccountRow } from '../../db/schema.js';
import { accountRepository } from '../../repositories/account.repository.js';
import { checkPlatformAccountInput, type PlatformAccountInput } from './account-input.js';

/**
 * Updates an account as `assign_attributes` does in Chatwoot's platform controller:
 * given attributes replace the stored ones (limits and custom_attributes too),
 * while `features` switches the named features on or off.
 */
export async function updatePlatformAccount(ctx: Ctx, account: AccountRow, input: PlatformAccountInput): Promise<AccountRow> {
  const status = checkPlatformAccountInput(input);
  return accountRepository.update(ctx.db, account.id, {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
    ...(input.domain !== undefined ? { domain: input.domain } : {}),
    ...(input.support_email !== undefined ? { support_email: input.support_email } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(input.limits !== undefined ? { limits: input.limits } : {}),
    ...(input.custom_attributes !== undefined ? { custom_attributes: input.custom_attributes } : {}),
    ...(input.features !== undefined ? { features: { ...account.features, ...input.features } } : {}),
  });
}
