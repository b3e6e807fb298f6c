import type { Actor } from '../context.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/**
 * Dashboard apps: every member lists and shows them (the conversation view opens them);
 * creating, updating and deleting one is for administrators. (Chatwoot's controller
 * authorizes no further; we keep account-wide iframes an administrator's decision.)
 */
export function dashboardAppAbilities(actor: Actor) {
  const admin = can(actor, 'administrator');
  const member = can(actor, 'member');
  return { index: member, show: member, create: admin, update: admin, destroy: admin };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on dashboard apps. */
export function authorizeDashboardApp(actor: Actor, action: keyof ReturnType<typeof dashboardAppAbilities>): void {
  if (!dashboardAppAbilities(actor)[action]) {
    throw unauthorized();
  }
}
