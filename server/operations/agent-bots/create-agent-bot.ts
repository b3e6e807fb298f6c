import { auditedValues, recordAccountAudit } from '../audit/record-audit.js';
import type { Ctx } from '../../context.js';
import type { AgentBotRow } from '../../db/schema.js';
import { randomToken } from '../../lib/tokens.js';
import { agentBotRepository } from '../../repositories/agent-bot.repository.js';
import { issueAccessToken } from '../access-tokens/issue-access-token.js';
import { agentBotColumns, type AgentBotInput } from './agent-bot-input.js';

/** Creates a webhook agent bot with its webhook secret and API access token. */
export async function createAgentBot(
  ctx: Omit<Ctx, 'accountId'>,
  input: AgentBotInput & { name: string },
): Promise<{ bot: AgentBotRow; accessToken: string }> {
  const columns = agentBotColumns(input);
  const bot = await agentBotRepository.insert(ctx.db, {
    account_id: null, name: input.name, description: null, outgoing_url: null, bot_type: 0, bot_config: {},
    secret: randomToken(18), avatar_url: null, ...columns,
  });
  const accessToken = await issueAccessToken(ctx.db, ctx.env, 'AgentBot', bot.id);
  await recordAccountAudit(ctx, bot.account_id, { auditableType: 'AgentBot', auditableId: bot.id, action: 'create', changes: auditedValues(bot) });
  return { bot, accessToken };
}
