import type { Executor } from '../../db/dialect.js';
import type { AccountRow, UserRow } from '../../db/schema.js';
import type { Env } from '../../env.js';
import { SYSTEM } from '../../context.js';
import { now } from '../../lib/clock.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';
import { createAccount } from '../accounts/create-account.js';
import { createUser } from '../users/create-user.js';

export interface SetUpInput {
  accountName: string;
  name: string;
  email: string;
  password: string;
}

/** Creates an account with its first administrator (CLI `setup` and the onboarding page). */
export async function setUpInstallation(db: Executor, env: Env, input: SetUpInput): Promise<{ account: AccountRow; user: UserRow; accessToken: string }> {
  const account = await createAccount({ db, actor: SYSTEM, env }, { name: input.accountName });
  const { user, accessToken } = await createUser(db, env, { name: input.name, email: input.email, password: input.password, confirmed: true });
  await accountUserRepository.insert(db, {
    account_id: account.id, user_id: user.id, role: 1, inviter_id: null, active_at: now(), availability: 0, auto_offline: true,
  });
  return { account, user, accessToken };
}
