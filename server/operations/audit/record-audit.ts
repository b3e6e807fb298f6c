import type { Ctx } from '../../context.js';
import { now } from '../../lib/clock.js';
import { auditRepository } from '../../repositories/audit.repository.js';

/** Fields never written to the audit log. */
const NEVER_AUDITED = new Set(['updated_at', 'created_at', 'secret', 'encrypted_password', 'token_digest', 'token_ciphertext', 'hmac_token']);

export interface AuditInput {
  /** Chatwoot's model name of the record (`Inbox`, `Webhook`, `AccountUser`, …). */
  auditableType: string;
  auditableId: number | null;
  /** `create`, `update`, `destroy`, `sign_in`, `sign_out`. */
  action: string;
  /** create/destroy: the record's values; update: `{field: [before, after]}` of what changed. */
  changes?: Record<string, unknown>;
}

/** The `{field: [before, after]}` of the fields that differ between two versions of a row, secrets left out. */
export function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    if (!NEVER_AUDITED.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = [before[key] ?? null, after[key]];
    }
  }
  return changes;
}

/** A row's values for a create or destroy entry, secrets and timestamps left out. */
export function auditedValues(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !NEVER_AUDITED.has(key)));
}

/** Audits a change to a record that may belong to no account (agent bots): only account-owned ones are logged. */
export async function recordAccountAudit(ctx: Omit<Ctx, 'accountId'>, accountId: number | null, input: AuditInput): Promise<void> {
  if (accountId !== null) {
    await recordAudit({ ...ctx, accountId }, input);
  }
}

/**
 * Writes an audit-log entry in the operation's transaction: who (the actor), what (the
 * action and changes), which record, when, and from where (the request's IP and id).
 * An update that changed nothing audited writes nothing.
 */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  const changes = input.changes ?? {};
  if (input.action === 'update' && Object.keys(changes).length === 0) {
    return;
  }
  const actor = ctx.actor;
  await auditRepository.insert(ctx.db, {
    auditable_type: input.auditableType,
    auditable_id: input.auditableId,
    associated_type: 'Account',
    associated_id: ctx.accountId,
    user_id: actor.type === 'System' ? null : actor.id,
    user_type: actor.type === 'System' ? null : actor.type,
    username: actor.type === 'User' ? actor.user.email : null,
    action: input.action,
    audited_changes: changes,
    comment: null,
    remote_address: ctx.origin?.ip ?? null,
    request_uuid: ctx.origin?.requestId ?? null,
    created_at: now(),
  });
}
