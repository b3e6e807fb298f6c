import type { Ctx } from '../../context.js';
import type { AgentBotRow, InboxRow } from '../../db/schema.js';
import { agentBotInboxRepository } from '../../repositories/agent-bot-inbox.repository.js';

/**
 * Attaches `bot` to the inbox (replacing its bot), or detaches the inbox's bot when null.
 * New conversations of an inbox with an active bot start pending.
 */
export async function setInboxAgentBot(ctx: Ctx, inbox: InboxRow, bot: AgentBotRow | null): Promise<void> {
  if (bot) {
    await agentBotInboxRepository.link(ctx.db, ctx.accountId, inbox.id, bot.id);
  } else {
    await agentBotInboxRepository.unlink(ctx.db, ctx.accountId, inbox.id);
  }
}
