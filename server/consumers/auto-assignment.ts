import type { Deps } from '../context.js';
import { outsideReadMemo } from '../db/read-memo.js';
import type { DomainEvent, EventName } from '../events/catalog.js';
import type { Consumer } from '../events/dispatcher.js';
import { assignWaitingConversations, autoAssignOne } from '../jobs/assign-waiting-conversations.job.js';

/**
 * Auto-assignment (Chatwoot's AutoAssignmentHandler, run after commit): a conversation that
 * is created or reopened goes to the next available agent of its inbox; an agent becoming
 * available (availability set to online) makes the waiting conversations of the account go
 * round again. Safe to repeat: a conversation that has an assignee is left alone.
 */
export function autoAssignmentConsumer(deps: Deps): Consumer {
  const events: readonly EventName[] = ['conversation.created', 'conversation.opened', 'agent.availability_changed'];
  return {
    name: 'auto-assignment',
    events,
    // Outside the batch's read memo: assignment must see (and lock) the current rows.
    handle: (event: DomainEvent) => outsideReadMemo(() => assign(event)),
  };

  async function assign(event: DomainEvent): Promise<void> {
    if (event.accountId === null) {
      return;
    }
    if (event.name === 'agent.availability_changed') {
      if (event.changes?.availability?.[1] === 'online') {
        await assignWaitingConversations(deps, event.accountId);
      }
      return;
    }
    if (event.conversationId !== undefined) {
      await autoAssignOne(deps, event.accountId, event.conversationId);
    }
  }
}
