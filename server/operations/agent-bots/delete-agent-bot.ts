import { auditedValues, recordAccountAudit } from '../audit/record-audit.js';
import type { Ctx } from '../../context.js';
import type { AgentBotRow } from '../../db/schema.js';
import { accessTokenRepository } from '../../repositories/access-token.repository.js';
import { agentBotRepository } from '../../repositories/agent-bot.repository.js';
import { platformAppRepository } from '../../repositories/platform-app.repository.js';

/**
 * Deletes an agent bot with its access token and platform-app records; its inbox
 * links go by cascade and conversations it was assigned become unassigned.
 */
export async function deleteAgentBot(ctx: Omit<Ctx, 'accountId'>, bot: AgentBotRow): Promise<void> {
  await accessTokenRepository.removeByOwner(ctx.db, 'AgentBot', bot.id);
  await platformAppRepository.removePermissible(ctx.db, 'AgentBot', bot.id);
  await agentBotRepository.remove(ctx.db, bot.id);
  await recordAccountAudit(ctx, bot.account_id, { auditableType: 'AgentBot', auditableId: bot.id, action: 'destroy', changes: auditedValues(bot) });
}
