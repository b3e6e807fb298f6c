import { SYSTEM, withTransaction, type Deps } from '../context.js';
import { changeConversationStatus, STATUS } from '../operations/conversations/change-conversation-status.js';
import { conversationRepository } from '../repositories/conversation.repository.js';
import { snoozedConversationRepository } from '../repositories/snoozed-conversation.repository.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem); it runs every REOPEN_SNOOZED_EVERY_MS. */
export const REOPEN_SNOOZED_CONVERSATIONS = 'reopen-snoozed-conversations';
export const REOPEN_SNOOZED_EVERY_MS = 60_000;
/** Chatwoot only wakes conversations whose snooze ended in the last three days. */
const LOOKBACK_MS = 3 * 24 * 3_600_000;
const BATCH = 100;

/**
 * Opens snoozed conversations whose snooze time has passed
 * (Conversations::ReopenSnoozedConversationsJob), each in its own transaction, re-reading
 * the row under lock so a conversation changed meanwhile is skipped.
 */
export function reopenSnoozedConversationsHandler(deps: Deps): JobHandler {
  return async () => {
    for (;;) {
      const at = Date.now();
      const due = await snoozedConversationRepository.listDue(deps.db.kysely, at - LOOKBACK_MS, at, BATCH);
      for (const row of due) {
        await withTransaction(deps, async (tx) => {
          const current = await conversationRepository.findForUpdate(tx, row.account_id, row.id);
          if (current.status === STATUS.snoozed && current.snoozed_until !== null && current.snoozed_until <= at) {
            await changeConversationStatus({ db: tx, actor: SYSTEM, accountId: row.account_id, env: deps.env }, current, STATUS.open);
          }
        });
      }
      if (due.length < BATCH) {
        return;
      }
    }
  };
}
