import type { Ctx } from '../../context.js';
import type { AgentBotRow } from '../../db/schema.js';
import { agentBotRepository } from '../../repositories/agent-bot.repository.js';
import { rotatedSecrets } from '../../webhooks/secrets.js';
import { issueAccessToken } from '../access-tokens/issue-access-token.js';

/** Gives the bot a new API access token; the old one stops working at once. Returns the new token. */
export function resetAgentBotAccessToken(ctx: Ctx, bot: AgentBotRow): Promise<string> {
  return issueAccessToken(ctx.db, ctx.env, 'AgentBot', bot.id);
}

/**
 * Gives the bot a new webhook signing secret (`reset_secret!`); the old one keeps signing
 * for the configured overlap window, in `X-Chatwoot-Signature-Previous`.
 */
export function resetAgentBotSecret(ctx: Ctx, bot: AgentBotRow): Promise<AgentBotRow> {
  return agentBotRepository.update(ctx.db, bot.id, rotatedSecrets(bot, ctx.env.webhookSecretOverlapMs));
}
