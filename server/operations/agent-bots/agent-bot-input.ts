import { checkHttpUrl } from '../inboxes/inbox-attributes.js';
import { invalid } from '../../lib/errors.js';

/** Agent bot attributes (`name, description, outgoing_url, account_id, avatar_url`). */
export interface AgentBotInput {
  name?: string;
  description?: string | null;
  /** Where the bot's events are POSTed; http(s) only. */
  outgoing_url?: string | null;
  /** The owning account; null makes a global bot. */
  account_id?: number | null;
  avatar_url?: string | null;
}

/** Checks the attributes and turns them into column values (only the keys given). */
export function agentBotColumns(input: AgentBotInput) {
  if (input.name !== undefined && !input.name.trim()) {
    throw invalid('name', "can't be blank");
  }
  checkHttpUrl('outgoing_url', input.outgoing_url);
  checkHttpUrl('avatar_url', input.avatar_url);
  return {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.outgoing_url !== undefined ? { outgoing_url: input.outgoing_url || null } : {}),
    ...(input.account_id !== undefined ? { account_id: input.account_id } : {}),
    ...(input.avatar_url !== undefined ? { avatar_url: input.avatar_url || null } : {}),
  };
}
