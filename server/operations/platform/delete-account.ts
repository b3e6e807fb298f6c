import type { Ctx } from '../../context.js';
import type { AccountRow } from '../../db/schema.js';
import { accessTokenRepository } from '../../repositories/access-token.repository.js';
import { accountRepository } from '../../repositories/account.repository.js';
import { agentBotRepository } from '../../repositories/agent-bot.repository.js';
import { platformAppRepository } from '../../repositories/platform-app.repository.js';

/**
 * Deletes an account and everything in it (inboxes, contacts, conversations,
 * memberships, its agent bots: foreign keys cascade). Users stay; so do other accounts.
 * The account's bots lose their access tokens and every platform app forgets the account.
 */
export async function deleteAccount(ctx: Omit<Ctx, 'accountId'>, account: AccountRow): Promise<void> {
  for (const botId of await agentBotRepository.listIdsByAccount(ctx.db, account.id)) {
    await accessTokenRepository.removeByOwner(ctx.db, 'AgentBot', botId);
    await platformAppRepository.removePermissible(ctx.db, 'AgentBot', botId);
  }
  await platformAppRepository.removePermissible(ctx.db, 'Account', account.id);
  await accountRepository.remove(ctx.db, account.id);
}
