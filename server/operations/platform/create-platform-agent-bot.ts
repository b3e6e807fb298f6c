import type { Ctx } from '../../context.js';
import type { AgentBotRow } from '../../db/schema.js';
import { platformAppRepository } from '../../repositories/platform-app.repository.js';
import { createAgentBot } from '../agent-bots/create-agent-bot.js';
import type { AgentBotInput } from '../agent-bots/agent-bot-input.js';

/** Creates an agent bot for a platform app (global unless account_id is given) and records it as the app's permissible. */
export async function createPlatformAgentBot(
  ctx: Omit<Ctx, 'accountId'>,
  appId: number,
  input: AgentBotInput & { name: string },
): Promise<{ bot: AgentBotRow; accessToken: string }> {
  const created = await createAgentBot(ctx, input);
  await platformAppRepository.addPermissible(ctx.db, appId, 'AgentBot', created.bot.id);
  return created;
}
