import { invalid } from '../../lib/errors.js';
import { isCustomRolePermission } from '../../policies/permissions.js';

export interface CustomRoleInput {
  name?: string;
  description?: string | null;
  /** Names from CUSTOM_ROLE_PERMISSIONS. */
  permissions?: string[];
}

/** Checked columns of a custom role: the name must not be blank and every permission must be known. */
export function customRoleColumns(input: CustomRoleInput): { name?: string; description?: string | null; permissions?: string[] } {
  if (input.name !== undefined && !input.name.trim()) {
    throw invalid('name', "can't be blank");
  }
  if (input.permissions !== undefined && !input.permissions.every(isCustomRolePermission)) {
    throw invalid('permissions', 'is not included in the list');
  }
  return {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.permissions !== undefined ? { permissions: [...new Set(input.permissions)] } : {}),
  };
}
