import type { Ctx } from '../../context.js';
import type { CustomRoleRow } from '../../db/schema.js';
import { customRoleRepository } from '../../repositories/custom-role.repository.js';
import { changesBetween, recordAudit } from '../audit/record-audit.js';
import { customRoleColumns, type CustomRoleInput } from './custom-role-input.js';

/** Changes a custom role's name, description or permissions; its agents get the new permissions at once. */
export async function updateCustomRole(ctx: Ctx, role: CustomRoleRow, input: CustomRoleInput): Promise<CustomRoleRow> {
  const updated = await customRoleRepository.update(ctx.db, role.id, customRoleColumns(input));
  await recordAudit(ctx, { auditableType: 'CustomRole', auditableId: role.id, action: 'update', changes: changesBetween(role, updated) });
  return updated;
}
