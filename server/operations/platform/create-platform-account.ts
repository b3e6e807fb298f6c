import type { Ctx } from '../../context.js';
import type { AccountRow } from '../../db/schema.js';
import { platformAppRepository } from '../../repositories/platform-app.repository.js';
import { createAccount } from '../accounts/create-account.js';
import { checkPlatformAccountInput, type PlatformAccountInput } from './account-input.js';

/** Creates an account for a platform app and records it as one of the app's permissibles. */
export async function createPlatformAccount(
  ctx: Omit<Ctx, 'accountId'>,
  appId: number,
  input: PlatformAccountInput & { name: string },
): Promise<AccountRow> {
  const status = checkPlatformAccountInput(input);
  const account = await createAccount(ctx, {
    name: input.name,
    locale: input.locale,
    domain: input.domain ?? null,
    support_email: input.support_email ?? null,
    status,
    limits: input.limits,
    custom_attributes: input.custom_attributes,
    features: input.features,
  });
  await platformAppRepository.addPermissible(ctx.db, appId, 'Account', account.id);
  return account;
}
