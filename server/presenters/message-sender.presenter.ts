import { Type, type Static } from '@sinclair/typebox';
import type { AccountUserRow, AgentBotRow, ContactRow, UserRow } from '../db/schema.js';
import { AgentBotPushJson, presentAgentBotPush } from './agent-bot.presenter.js';
import { ContactPushJson, presentContactPush } from './contact.presenter.js';
import { presentUserPush, UserPushJson } from './user.presenter.js';

/** The loaded sender of a message, whichever kind it is. */
export type MessageSender =
  | { type: 'User'; user: UserRow; membership: AccountUserRow | null }
  | { type: 'Contact'; contact: ContactRow }
  | { type: 'AgentBot'; bot: AgentBotRow; inboxAvatarUrl: string | null };

/** Whoever sent a message, in push shape: a user, a contact or an agent bot. */
export const SenderJson = Type.Union([UserPushJson, ContactPushJson, AgentBotPushJson]);

/** Push shape of whoever sent a message. */
export function presentSender(sender: MessageSender): Static<typeof SenderJson> {
  switch (sender.type) {
    case 'User':
      return presentUserPush(sender.user, sender.membership);
    case 'Contact':
      return presentContactPush(sender.contact);
    case 'AgentBot':
      return presentAgentBotPush(sender.bot, sender.inboxAvatarUrl);
  }
}
