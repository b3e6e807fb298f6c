import type { Executor } from '../../db/dialect.js';
import type { UserRow } from '../../db/schema.js';
import type { Env } from '../../env.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';
import { recordAudit } from '../audit/record-audit.js';

/**
 * Logs a person's `sign_in` or `sign_out` in the audit log of every account they belong to
 * (as Chatwoot enterprise's sessions controller does).
 */
export async function recordSessionAudit(
  db: Executor, env: Env, user: UserRow, action: 'sign_in' | 'sign_out', origin: { ip: string | null; requestId: string | null },
): Promise<void> {
  for (const membership of await accountUserRepository.listByUser(db, user.id)) {
    await recordAudit({ db, env, accountId: membership.account_id, origin, actor: { type: 'User', id: user.id, user, membership } }, {
      auditableType: 'User', auditableId: user.id, action,
    });
  }
}
