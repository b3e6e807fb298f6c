import type { Ctx } from '../../context.js';
import type { ConversationRow, TeamRow } from '../../db/schema.js';
import { teamRepository } from '../../repositories/team.repository.js';
import { updateConversation } from './update-conversation.js';

/**
 * Moves a conversation to a team, or out of any team (null). An assignee who is not
 * a member of the new team is unassigned (AssignmentHandler#ensure_assignee_is_from_team).
 * Events: team.changed, assignee.changed when the assignee was dropped, conversation.updated.
 */
export async function setConversationTeam(ctx: Ctx, conversation: ConversationRow, team: TeamRow | null): Promise<ConversationRow> {
  let assigneeId = conversation.assignee_id;
  if (team && team.id !== conversation.team_id && assigneeId !== null && !(await teamRepository.isMember(ctx.db, team.id, assigneeId))) {
    assigneeId = null;
  }
  return updateConversation(ctx, conversation, { team_id: team?.id ?? null, assignee_id: assigneeId });
}
