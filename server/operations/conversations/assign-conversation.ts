import type { Ctx } from '../../context.js';
import type { AccountUserRow, AgentBotRow, ConversationRow, UserRow } from '../../db/schema.js';
import { invalid, notFound } from '../../lib/errors.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';
import { agentBotRepository } from '../../repositories/agent-bot.repository.js';
import { inboxMemberRepository } from '../../repositories/inbox-member.repository.js';
import { userRepository } from '../../repositories/user.repository.js';
import { updateConversation } from './update-conversation.js';

export interface AssignConversationInput {
  /** The user (or, with assigneeType AgentBot, the bot) to assign; null unassigns. */
  assigneeId: number | null;
  assigneeType: 'User' | 'AgentBot';
}

/** Who ends up assigned, for the response. */
export interface AssignedEntity {
  conversation: ConversationRow;
  user: { user: UserRow; membership: AccountUserRow } | null;
  bot: AgentBotRow | null;
}

/** A user of the account (404 otherwise) who may work in the conversation's inbox (422 otherwise). */
async function assignableUser(ctx: Ctx, conversation: ConversationRow, userId: number) {
  const [membership, user] = await Promise.all([
    accountUserRepository.find(ctx.db, ctx.accountId, userId),
    userRepository.findById(ctx.db, userId),
  ]);
  if (!membership || !user) {
    throw notFound();
  }
  if (membership.role !== 1 && !(await inboxMemberRepository.isMember(ctx.db, conversation.inbox_id, userId))) {
    throw invalid('assignee_id', 'is not a member of the inbox');
  }
  return { user, membership };
}

/**
 * Assigns a conversation to an agent or an agent bot, or unassigns it
 * (Conversations::AssignmentService). Assigning one kind clears the other; events are
 * assignee.changed (when the user changes) and conversation.updated.
 */
export async function assignConversation(ctx: Ctx, conversation: ConversationRow, input: AssignConversationInput): Promise<AssignedEntity> {
  if (input.assigneeType === 'AgentBot') {
    const bot = input.assigneeId === null ? undefined : await agentBotRepository.findById(ctx.db, input.assigneeId);
    if (!bot || (bot.account_id !== null && bot.account_id !== ctx.accountId)) {
      throw notFound();
    }
    const updated = await updateConversation(ctx, conversation, { assignee_id: null, assignee_agent_bot_id: bot.id });
    return { conversation: updated, user: null, bot };
  }
  const user = input.assigneeId === null ? null : await assignableUser(ctx, conversation, input.assigneeId);
  const updated = await updateConversation(ctx, conversation, { assignee_id: user?.user.id ?? null, assignee_agent_bot_id: null });
  return { conversation: updated, user, bot: null };
}
