import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { AccountRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { invalid } from '../../lib/errors.js';
import { accountRepository } from '../../repositories/account.repository.js';

export interface CreateAccountInput {
  /** The account's display name; required. */
  name: string;
  /** UI locale code, `en` by default. */
  locale?: string;
  domain?: string | null;
  support_email?: string | null;
  /** `active` or `suspended`. */
  status?: number;
  limits?: Record<string, unknown>;
  custom_attributes?: Record<string, unknown>;
  features?: Record<string, unknown>;
}

/** Creates an account (a tenant) and records `account.created`. */
export async function createAccount(ctx: Omit<Ctx, 'accountId'>, input: CreateAccountInput): Promise<AccountRow> {
  const name = input.name?.trim();
  if (!name) {
    throw invalid('name', "can't be blank");
  }
  const account = await accountRepository.insert(ctx.db, {
    name,
    locale: input.locale || 'en',
    domain: input.domain ?? null,
    support_email: input.support_email ?? null,
    status: input.status ?? 0,
    auto_resolve_duration: null,
    limits: input.limits ?? {},
    custom_attributes: input.custom_attributes ?? {},
    settings: {},
    features: input.features ?? {},
    last_conversation_display_id: 0,
  });
  await recordEvent(ctx.db, { name: 'account.created', accountId: account.id, actor: eventActor(ctx.actor) });
  return account;
}
