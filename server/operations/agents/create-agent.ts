import { AVAILABILITIES, enumValue, ROLES } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { AccountUserRow, UserRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { invalid } from '../../lib/errors.js';
import { auditedValues, recordAudit } from '../audit/record-audit.js';
import { checkCustomRole } from '../custom-roles/check-custom-role.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';
import { userRepository } from '../../repositories/user.repository.js';
import { createUser, EMAIL_PATTERN } from '../users/create-user.js';

export interface CreateAgentInput {
  /** Used only when the email is new; defaults to the email's local part. */
  name?: string;
  email: string;
  /** `agent` (default) or `administrator`. */
  role?: string;
  /** `online` (default), `offline` or `busy`. */
  availability?: string;
  /** Go offline when disconnected; true by default. */
  auto_offline?: boolean;
  /** A custom role of the account to give instead of the built-in agent permissions. */
  custom_role_id?: number | null;
}

/** The stored integer of an enum name, or a 422 naming the field. */
export function enumInput(list: readonly string[], field: string, name: string | undefined, fallback: number): number {
  if (name === undefined) {
    return fallback;
  }
  const value = enumValue(list, name);
  if (value < 0) {
    throw invalid(field, 'is not included in the list');
  }
  return value;
}

/**
 * Adds a person to the account as an agent or administrator (Chatwoot's
 * AgentBuilder): reuses the user with that email or creates one without a
 * password (unconfirmed until they set one), then the membership; records `agent.added`.
 */
export async function createAgent(ctx: Ctx, input: CreateAgentInput): Promise<{ user: UserRow; membership: AccountUserRow }> {
  const email = input.email?.trim().toLowerCase();
  if (!email || !EMAIL_PATTERN.test(email)) {
    throw invalid('email', email ? 'is invalid' : "can't be blank");
  }
  const role = enumInput(ROLES, 'role', input.role, 0);
  const availability = enumInput(AVAILABILITIES, 'availability', input.availability, 0);
  const customRoleId = await checkCustomRole(ctx, input.custom_role_id ?? null);
  const user = (await userRepository.findByEmail(ctx.db, email))
    ?? (await createUser(ctx.db, ctx.env, { name: input.name?.trim() || email.split('@')[0], email, confirmed: false })).user;
  if (await accountUserRepository.find(ctx.db, ctx.accountId, user.id)) {
    throw invalid('email', 'has already been taken');
  }
  const membership = await accountUserRepository.insert(ctx.db, {
    account_id: ctx.accountId,
    user_id: user.id,
    role,
    inviter_id: ctx.actor.type === 'User' ? ctx.actor.id : null,
    active_at: null,
    availability,
    auto_offline: input.auto_offline ?? true,
    custom_role_id: customRoleId,
  });
  await recordAudit(ctx, { auditableType: 'AccountUser', auditableId: membership.id, action: 'create', changes: auditedValues(membership) });
  await recordEvent(ctx.db, { name: 'agent.added', accountId: ctx.accountId, actor: eventActor(ctx.actor), userId: user.id });
  return { user, membership };
}
