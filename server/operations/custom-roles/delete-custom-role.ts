import type { Ctx } from '../../context.js';
import type { CustomRoleRow } from '../../db/schema.js';
import { customRoleRepository } from '../../repositories/custom-role.repository.js';
import { auditedValues, recordAudit } from '../audit/record-audit.js';

/** Deletes a custom role; its agents go back to the built-in agent role (Chatwoot: `dependent: :nullify`). */
export async function deleteCustomRole(ctx: Ctx, role: CustomRoleRow): Promise<void> {
  await customRoleRepository.remove(ctx.db, role.id);
  await recordAudit(ctx, { auditableType: 'CustomRole', auditableId: role.id, action: 'destroy', changes: auditedValues(role) });
}
