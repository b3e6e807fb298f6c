import type { Actor } from '../context.js';

/** The permissions a custom role can grant (Chatwoot's CustomRole::PERMISSIONS). */
export const CUSTOM_ROLE_PERMISSIONS = [
  'conversation_manage',
  'conversation_unassigned_manage',
  'conversation_participating_manage',
  'contact_manage',
  'report_manage',
  'knowledge_base_manage',
] as const;

export type CustomRolePermission = (typeof CUSTOM_ROLE_PERMISSIONS)[number];

/**
 * Everything an account member can hold: a built-in role (`administrator`, `agent`), or a
 * custom role's permissions plus the marker `custom_role` (Chatwoot's AccountUser#permissions).
 */
export type Permission = 'administrator' | 'agent' | 'custom_role' | CustomRolePermission;

/**
 * The permissions the actor holds in the account it addresses. Administrators hold
 * `administrator`; agents `agent`, or their custom role's list plus `custom_role`.
 * Bots, platform apps, contacts and the system hold none.
 */
export function permissionsOf(actor: Actor): readonly Permission[] {
  if (actor.type !== 'User' || !actor.membership) {
    return [];
  }
  if (actor.membership.role === 1) {
    return ['administrator'];
  }
  if (actor.membership.custom_role_id !== null && actor.customRole) {
    return [...actor.customRole.permissions.filter(isCustomRolePermission), 'custom_role'];
  }
  return ['agent'];
}

/** True when `name` is one of the custom-role permissions. */
export function isCustomRolePermission(name: string): name is CustomRolePermission {
  return (CUSTOM_ROLE_PERMISSIONS as readonly string[]).includes(name);
}

/**
 * The one question every policy asks: does the actor hold any of these permissions in
 * the addressed account? `member` is any account member (administrator, agent, custom role).
 */
export function can(actor: Actor, ...anyOf: Array<Permission | 'member'>): boolean {
  const held = permissionsOf(actor);
  return anyOf.some((wanted) => (wanted === 'member' ? held.length > 0 : held.includes(wanted)));
}
