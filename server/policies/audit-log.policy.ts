import type { Actor } from '../context.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/** The audit log is for administrators (Chatwoot's AuditLogsController `check_admin_authorization?`). */
export function auditLogAbilities(actor: Actor) {
  return { show: can(actor, 'administrator') };
}

/** Throws Chatwoot's 401 when the actor may not read the audit log. */
export function authorizeAuditLog(actor: Actor): void {
  if (!auditLogAbilities(actor).show) {
    throw unauthorized();
  }
}
