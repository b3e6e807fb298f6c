import { changesBetween, recordAccountAudit } from '../audit/record-audit.js';
import type { Ctx } from '../../context.js';
import type { AgentBotRow } from '../../db/schema.js';
import { agentBotRepository } from '../../repositories/agent-bot.repository.js';
import { agentBotColumns, type AgentBotInput } from './agent-bot-input.js';

/** Updates an agent bot's name, description, outgoing URL, account or avatar. */
export async function updateAgentBot(ctx: Omit<Ctx, 'accountId'>, bot: AgentBotRow, input: AgentBotInput): Promise<AgentBotRow> {
  const updated = await agentBotRepository.update(ctx.db, bot.id, agentBotColumns(input));
  await recordAccountAudit(ctx, updated.account_id ?? bot.account_id, {
    auditableType: 'AgentBot', auditableId: bot.id, action: 'update', changes: changesBetween(bot, updated),
  });
  return updated;
}
