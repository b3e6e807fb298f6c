import { withTransaction, type Deps } from '../context.js';
import type { Consumer } from '../events/dispatcher.js';
import { accountUserRepository } from '../repositories/account-user.repository.js';
import { inboxMemberRepository } from '../repositories/inbox-member.repository.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem). */
export const REMOVE_AGENT_FROM_ACCOUNT = 'remove-agent-from-account';

/**
 * Cleans up after a person left an account (Chatwoot's Agents::DestroyJob), in one
 * transaction: their team and inbox memberships in the account go and the account's
 * conversations assigned to them become unassigned (not deleted, not re-routed).
 * Skipped when they are a member of the account again by the time it runs.
 */
export function removeAgentFromAccountHandler(deps: Deps): JobHandler {
  return async (payload) => {
    const accountId = Number(payload.accountId);
    const userId = Number(payload.userId);
    await withTransaction(deps, async (tx) => {
      if (await accountUserRepository.find(tx, accountId, userId)) {
        return;
      }
      await accountUserRepository.removeTeamMemberships(tx, accountId, userId);
      await inboxMemberRepository.removeUserFromAccount(tx, accountId, userId);
      await accountUserRepository.unassignConversations(tx, accountId, userId);
    });
  };
}

/** Queues the clean-up job for every `agent.removed` event, after the removal committed. */
export function agentRemovalConsumer(deps: Deps): Consumer {
  return {
    name: 'agent-removal',
    events: ['agent.removed'],
    async handle(event) {
      if (event.accountId === null || !event.userId) {
        return;
      }
      await deps.jobs.enqueue(REMOVE_AGENT_FROM_ACCOUNT, { accountId: event.accountId, userId: event.userId }, {
        dedupeKey: `${REMOVE_AGENT_FROM_ACCOUNT}:${event.accountId}:${event.userId}`,
      });
    },
  };
}
