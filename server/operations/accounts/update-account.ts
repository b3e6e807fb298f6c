import { auditedValues, changesBetween, recordAudit } from '../audit/record-audit.js';
import type { Ctx } from '../../context.js';
import type { AccountRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { accountRepository } from '../../repositories/account.repository.js';

export interface UpdateAccountInput {
  name?: string;
  locale?: string;
  domain?: string | null;
  support_email?: string | null;
  /** Merged into the stored custom attributes. */
  custom_attributes?: Record<string, unknown>;
  /** Merged into the stored settings (auto_resolve_after, …). */
  settings?: Record<string, unknown>;
  status?: number;
  limits?: Record<string, unknown>;
  features?: Record<string, unknown>;
}

/** Updates an account's details; attribute hashes are merged, as Chatwoot does. */
export async function updateAccount(ctx: Ctx, account: AccountRow, input: UpdateAccountInput): Promise<AccountRow> {
  if (input.name !== undefined && !input.name.trim()) {
    throw invalid('name', "can't be blank");
  }
  const updated = await accountRepository.update(ctx.db, account.id, {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
    ...(input.domain !== undefined ? { domain: input.domain } : {}),
    ...(input.support_email !== undefined ? { support_email: input.support_email } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.limits !== undefined ? { limits: input.limits } : {}),
    ...(input.features !== undefined ? { features: { ...account.features, ...input.features } } : {}),
    ...(input.custom_attributes ? { custom_attributes: { ...account.custom_attributes, ...input.custom_attributes } } : {}),
    ...(input.settings ? { settings: { ...account.settings, ...input.settings } } : {}),
  });
  await recordAudit(ctx, { auditableType: 'Account', auditableId: account.id, action: 'update', changes: changesBetween(account, updated) });
  return updated;
}
