import type { Actor } from '../context.js';
import { unauthorized } from '../lib/errors.js';
import { can } from './permissions.js';

/** What the actor may do with agent bots (Chatwoot's AgentBotPolicy): members read, administrators manage. */
export function agentBotAbilities(actor: Actor) {
  const admin = can(actor, 'administrator');
  const member = can(actor, 'member');
  return {
    index: member, show: member, create: admin, update: admin, destroy: admin, avatar: admin,
    resetAccessToken: admin, resetSecret: admin,
    /** The bot's delivery log and redelivery (beyond Chatwoot). */
    deliveries: admin,
    /** Attach or detach an inbox's bot (InboxPolicy#set_agent_bot?). */
    setInboxBot: admin,
  };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on agent bots. */
export function authorizeAgentBot(actor: Actor, action: keyof ReturnType<typeof agentBotAbilities>): void {
  if (!agentBotAbilities(actor)[action]) {
    throw unauthorized();
  }
}
