import type { Ctx } from '../../context.js';
import type { CustomRoleRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { customRoleRepository } from '../../repositories/custom-role.repository.js';
import { auditedValues, recordAudit } from '../audit/record-audit.js';
import { customRoleColumns, type CustomRoleInput } from './custom-role-input.js';

/** Creates a custom role in the account (name required, known permissions only). */
export async function createCustomRole(ctx: Ctx, input: CustomRoleInput): Promise<CustomRoleRow> {
  const columns = customRoleColumns(input);
  if (!columns.name) {
    throw invalid('name', "can't be blank");
  }
  const role = await customRoleRepository.insert(ctx.db, {
    account_id: ctx.accountId, name: columns.name, description: columns.description ?? null, permissions: columns.permissions ?? [],
  });
  await recordAudit(ctx, { auditableType: 'CustomRole', auditableId: role.id, action: 'create', changes: auditedValues(role) });
  return role;
}
