import type { ConversationStatus } from '../../common/enums.js';
import { withTransaction, type Actor, type Deps } from '../context.js';
import type { TeamRow } from '../db/schema.js';
import { bulkUpdateConversation, type BulkConversationUpdate } from '../operations/conversations/bulk-update-conversation.js';
import { visibleConversations } from '../policies/conversation.policy.js';
import { accountUserRepository } from '../repositories/account-user.repository.js';
import { conversationRepository } from '../repositories/conversation.repository.js';
import { customRoleRepository } from '../repositories/custom-role.repository.js';
import { teamRepository } from '../repositories/team.repository.js';
import { userRepository } from '../repositories/user.repository.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem). */
export const BULK_UPDATE_CONVERSATIONS = 'bulk-update-conversations';

/** The job's payload: who asked, which conversations (display ids), and what to change (ids, not rows). */
export interface BulkUpdateConversationsPayload {
  accountId: number;
  userId: number;
  displayIds: number[];
  status?: ConversationStatus;
  assigneeId?: number | null;
  teamId?: number | null;
  /** Epoch ms. */
  snoozedUntil?: number;
  labels?: { add?: string[]; remove?: string[] };
}

/** The user as the request saw them (membership and custom role re-read now); null when they left the account. */
async function actorOf(deps: Deps, accountId: number, userId: number): Promise<Actor | null> {
  const db = deps.db.kysely;
  const [user, membership] = await Promise.all([userRepository.findById(db, userId), accountUserRepository.find(db, accountId, userId)]);
  if (!user || !membership) {
    return null;
  }
  const customRole = membership.custom_role_id === null ? null : (await customRoleRepository.findById(db, accountId, membership.custom_role_id)) ?? null;
  return { type: 'User', id: user.id, user, membership, customRole };
}

/**
 * Runs a conversations bulk action (Chatwoot's BulkActionsJob): the conversations of the
 * account with those display ids that the user may see now (the list scope,
 * Conversations::PermissionFilterService), each updated in a transaction of its own under
 * a row lock, so events go out per changed conversation. Skipped when the user left the
 * account; a team deleted meanwhile is left alone; a rerun changes only what still differs.
 */
export function bulkUpdateConversationsHandler(deps: Deps): JobHandler {
  return async (raw) => {
    const payload = raw as unknown as BulkUpdateConversationsPayload;
    const db = deps.db.kysely;
    const actor = await actorOf(deps, payload.accountId, payload.userId);
    if (!actor || payload.displayIds.length === 0) {
      return;
    }
    let team: TeamRow | null | undefined;
    if (payload.teamId !== undefined) {
      team = payload.teamId === null ? null : await teamRepository.findById(db, payload.accountId, payload.teamId);
    }
    const update: BulkConversationUpdate = {
      status: payload.status, assigneeId: payload.assigneeId, team, snoozedUntil: payload.snoozedUntil, labels: payload.labels,
    };
    const visible = await visibleConversations(
      db.selectFrom('conversations').select('conversations.id')
        .where('conversations.account_id', '=', payload.accountId).where('conversations.display_id', 'in', payload.displayIds),
      actor,
    ).orderBy('conversations.display_id').execute();
    for (const { id } of visible) {
      await withTransaction(deps, async (tx) => {
        const locked = await conversationRepository.findForUpdate(tx, payload.accountId, id);
        await bulkUpdateConversation({ db: tx, actor, accountId: payload.accountId, env: deps.env }, locked, update);
      });
    }
  };
}
