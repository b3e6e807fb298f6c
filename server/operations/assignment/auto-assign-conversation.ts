import type { Ctx } from '../../context.js';
import type { ConversationRow, InboxRow } from '../../db/schema.js';
import { conversationRepository } from '../../repositories/conversation.repository.js';
import { inboxMemberRepository } from '../../repositories/inbox-member.repository.js';
import { inboxRepository } from '../../repositories/inbox.repository.js';
import { roundRobinRepository } from '../../repositories/round-robin.repository.js';
import { teamRepository } from '../../repositories/team.repository.js';
import { STATUS } from '../conversations/change-conversation-status.js';
import { updateConversation } from '../conversations/update-conversation.js';

const ONLINE = 0;

/** `auto_assignment_config.max_assignment_limit` as a positive integer, or null for no limit. */
export function maxAssignmentLimit(inbox: InboxRow): number | null {
  const raw = (inbox.auto_assignment_config ?? {}).max_assignment_limit;
  const limit = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  return typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? limit : null;
}

/**
 * Members who may get the conversation (Inbox#member_ids_with_assignment_capacity): the
 * inbox's members, minus those holding `max_assignment_limit` open conversations of the
 * inbox; with a team, only its members, and nobody when the team does not auto-assign.
 */
async function candidateIds(ctx: Ctx, inbox: InboxRow, conversation: ConversationRow): Promise<number[]> {
  let ids = await inboxMemberRepository.listUserIds(ctx.db, inbox.id);
  if (conversation.team_id !== null) {
    const team = await teamRepository.findById(ctx.db, ctx.accountId, conversation.team_id);
    if (!team?.allow_auto_assign) {
      return [];
    }
    const members = new Set(await teamRepository.memberIds(ctx.db, team.id));
    ids = ids.filter((id) => members.has(id));
  }
  const limit = maxAssignmentLimit(inbox);
  if (limit !== null && ids.length > 0) {
    const full = await conversationRepository.assigneesAtLimit(ctx.db, ctx.accountId, inbox.id, ids, limit);
    ids = ids.filter((id) => !full.has(id));
  }
  return ids;
}

/**
 * Among `ids`, the agents available for work (OnlineStatusTracker.get_available_users with
 * status online): connected (`connected`, from presence) or with auto_offline off, and
 * whose chosen availability is online — busy and offline agents are skipped.
 */
async function onlineIds(ctx: Ctx, ids: number[], connected: ReadonlySet<number>): Promise<number[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await ctx.db.selectFrom('account_users').select('user_id')
    .where('account_id', '=', ctx.accountId).where('user_id', 'in', ids).where('availability', '=', ONLINE)
    .where((eb) => eb.or([eb('auto_offline', '=', false), ...(connected.size > 0 ? [eb('user_id', 'in', [...connected])] : [])]))
    .execute();
  const available = new Set(rows.map((r) => r.user_id));
  return ids.filter((id) => available.has(id));
}

/**
 * The next agent in the inbox's round-robin order among `allowed`, moved to the end of the
 * order (InboxRoundRobinService#available_agent). The stored order is first brought in line
 * with the inbox's members: new members join at the end, former members leave.
 */
async function nextInRotation(ctx: Ctx, inboxId: number, allowed: number[]): Promise<number | null> {
  const members = await inboxMemberRepository.listUserIds(ctx.db, inboxId);
  const positions = await roundRobinRepository.positions(ctx.db, inboxId);
  let last = Math.max(0, ...positions.values());
  const memberSet = new Set(members);
  await roundRobinRepository.remove(ctx.db, inboxId, [...positions.keys()].filter((id) => !memberSet.has(id)));
  const joining = members.filter((id) => !positions.has(id)).map((userId) => ({ userId, position: ++last }));
  await roundRobinRepository.add(ctx.db, ctx.accountId, inboxId, joining);
  joining.forEach((e) => positions.set(e.userId, e.position));
  const pick = allowed.filter((id) => positions.has(id))
    .sort((a, b) => (positions.get(a) as number) - (positions.get(b) as number) || a - b)[0];
  if (pick === undefined) {
    return null;
  }
  await roundRobinRepository.setPosition(ctx.db, inboxId, pick, last + 1);
  return pick;
}

/**
 * Assigns an open, unassigned conversation of an inbox with auto-assignment on to the next
 * available agent (AutoAssignment::AgentAssignmentService). Holds the inbox's assignment lock,
 * so concurrent runs on any node take turns: nobody is assigned twice, nobody passes their
 * limit. `connected`: user ids with a live connection. Returns the updated row, or null when
 * nothing was assigned. Events as for manual assignment: assignee.changed, conversation.updated.
 */
export async function autoAssignConversation(ctx: Ctx, conversationId: number, connected: ReadonlySet<number>): Promise<ConversationRow | null> {
  const found = await conversationRepository.findById(ctx.db, ctx.accountId, conversationId);
  if (!found || !(await roundRobinRepository.lockInbox(ctx.db, ctx.accountId, found.inbox_id))) {
    return null;
  }
  const conversation = await conversationRepository.findForUpdate(ctx.db, ctx.accountId, conversationId);
  const inbox = await inboxRepository.findById(ctx.db, ctx.accountId, conversation.inbox_id);
  if (!inbox?.enable_auto_assignment || conversation.status !== STATUS.open || conversation.assignee_agent_bot_id !== null) {
    return null;
  }
  if (conversation.assignee_id !== null && (await inboxMemberRepository.isMember(ctx.db, inbox.id, conversation.assignee_id))) {
    return null;
  }
  const allowed = await onlineIds(ctx, await candidateIds(ctx, inbox, conversation), connected);
  const assigneeId = await nextInRotation(ctx, inbox.id, allowed);
  return assigneeId === null ? null : updateConversation(ctx, conversation, { assignee_id: assigneeId });
}
