import { SYSTEM, withTransaction, type Deps } from '../context.js';
import { autoAssignConversation } from '../operations/assignment/auto-assign-conversation.js';
import { onlineUserIds } from '../realtime/presence.js';
import { conversationRepository } from '../repositories/conversation.repository.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem): queued when an agent comes online; de-duplicated per account. */
export const ASSIGN_WAITING_CONVERSATIONS = 'assign-waiting-conversations';
/** Most conversations one run looks at; the oldest go first. */
const BATCH = 500;

/** One conversation, in its own transaction, to whoever is next (nothing when nobody can take it). */
export async function autoAssignOne(deps: Pick<Deps, 'db' | 'dispatcher' | 'env' | 'presence'>, accountId: number, conversationId: number, connected?: ReadonlySet<number>): Promise<boolean> {
  const online = connected ?? await onlineUserIds(deps.presence, accountId);
  const assigned = await withTransaction(deps as Deps, (tx) =>
    autoAssignConversation({ db: tx, actor: SYSTEM, accountId, env: deps.env }, conversationId, online));
  return assigned !== null;
}

/**
 * Runs auto-assignment again over the account's open, unassigned conversations in inboxes
 * with auto-assignment on (after an agent came online or became available), oldest first,
 * each in its own transaction. Returns how many were assigned.
 */
export async function assignWaitingConversations(deps: Pick<Deps, 'db' | 'dispatcher' | 'env' | 'presence'>, accountId: number): Promise<number> {
  const ids = await conversationRepository.listAwaitingAssignment(deps.db.kysely, accountId, BATCH);
  const connected = await onlineUserIds(deps.presence, accountId);
  let assigned = 0;
  for (const id of ids) {
    if (await autoAssignOne(deps, accountId, id, connected)) {
      assigned += 1;
    }
  }
  return assigned;
}

/**
 * The cable's `onUserOnline`: queues one run for the account (runs already waiting for it
 * absorb the call). Errors are logged; presence keeps working without the job.
 */
export function queueAssignmentWhenOnline(deps: Pick<Deps, 'jobs' | 'log'>): (accountId: number) => void {
  return (accountId) => {
    deps.jobs.enqueue(ASSIGN_WAITING_CONVERSATIONS, { accountId }, { dedupeKey: `${ASSIGN_WAITING_CONVERSATIONS}:${accountId}` })
      .catch((error) => deps.log.warn({ err: error, accountId }, 'could not queue auto-assignment'));
  };
}

/** Handler: `{accountId}`. */
export function assignWaitingConversationsHandler(deps: Deps): JobHandler {
  return async (payload) => {
    const accountId = Number(payload.accountId);
    if (Number.isInteger(accountId) && accountId > 0) {
      await assignWaitingConversations(deps, accountId);
    }
  };
}
