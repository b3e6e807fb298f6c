import { Type, type Static } from '@sinclair/typebox';
import type { CustomRoleRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';

/** A custom role (`models/_custom_role.json.jbuilder`). */
export const CustomRoleJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  permissions: Type.Array(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
});

/** The custom role as a membership lists it (`as_json(only: [:id, :name, :description, :permissions])`). */
export const CustomRoleBriefJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  permissions: Type.Array(Type.String()),
});

/** Custom role shape. */
export function presentCustomRole(row: CustomRoleRow): Static<typeof CustomRoleJson> {
  return {
    id: row.id, name: row.name, description: row.description, permissions: row.permissions,
    created_at: toIso(row.created_at) as string, updated_at: toIso(row.updated_at) as string,
  };
}

/** Brief custom role shape, or null. */
export function presentCustomRoleBrief(row: CustomRoleRow | null | undefined): Static<typeof CustomRoleBriefJson> | null {
  return row ? { id: row.id, name: row.name, description: row.description, permissions: row.permissions } : null;
}
