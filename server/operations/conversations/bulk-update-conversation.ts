import { CONVERSATION_STATUSES, enumValue, type ConversationStatus } from '../../../common/enums.js';
import type { Ctx } from '../../context.js';
import type { ConversationRow, TeamRow } from '../../db/schema.js';
import { taggingRepository } from '../../repositories/tagging.repository.js';
import { changeConversationStatus } from './change-conversation-status.js';
import { replaceConversationLabels } from './replace-conversation-labels.js';
import { setConversationTeam } from './set-conversation-team.js';
import { updateConversation } from './update-conversation.js';

/** What a conversations bulk action does to each conversation (BulkActionsJob params). */
export interface BulkConversationUpdate {
  /** The status to set; absent keeps it (Chatwoot drops a null status). */
  status?: ConversationStatus;
  /** The user to assign (already checked to be a user of the account); null unassigns; absent keeps. */
  assigneeId?: number | null;
  /** The team to move to (a team of the account); null leaves any team; absent keeps. */
  team?: TeamRow | null;
  /** Epoch ms the snooze ends; kept only when the conversation ends up snoozed. Absent keeps the stored value. */
  snoozedUntil?: number;
  /** Labels to take off, then labels to put on. */
  labels?: { add?: string[]; remove?: string[] };
}

/**
 * Applies a bulk action to one conversation, as BulkActionsJob does for each record:
 * labels removed, then added; the snooze time and status; then the assignee (a user
 * clears an agent bot) and the team (an assignee outside the new team is dropped).
 * Each step is an ordinary operation, so each change records its usual events
 * (conversation.updated with label_list, status and assignee events, team.changed);
 * a step that changes nothing writes nothing.
 */
export async function bulkUpdateConversation(ctx: Ctx, conversation: ConversationRow, input: BulkConversationUpdate): Promise<ConversationRow> {
  let current = conversation;
  const remove = input.labels?.remove ?? [];
  const add = input.labels?.add ?? [];
  if (remove.length > 0 || add.length > 0) {
    const have = await taggingRepository.listTitles(ctx.db, ctx.accountId, 'Conversation', current.id);
    const kept = have.filter((title) => !remove.includes(title));
    const wanted = [...kept, ...add.filter((title) => !kept.includes(title))];
    current = (await replaceConversationLabels(ctx, current, wanted)).conversation;
  }
  if (input.status !== undefined || input.snoozedUntil !== undefined) {
    const status = input.status === undefined ? current.status : enumValue(CONVERSATION_STATUSES, input.status);
    current = await changeConversationStatus(ctx, current, status, { snoozedUntil: input.snoozedUntil ?? current.snoozed_until });
  }
  if (input.assigneeId !== undefined) {
    current = await updateConversation(ctx, current, input.assigneeId === null
      ? { assignee_id: null }
      : { assignee_id: input.assigneeId, assignee_agent_bot_id: null });
  }
  if (input.team !== undefined) {
    current = await setConversationTeam(ctx, current, input.team);
  }
  return current;
}
