import { CONVERSATION_STATUSES, enumName } from '../../../common/enums.js';
import { eventActor, type Ctx } from '../../context.js';
import type { ConversationRow, ConversationsTable } from '../../db/schema.js';
import type { Changes } from '../../events/catalog.js';
import { recordEvent } from '../../events/outbox.js';
import { now, toIso } from '../../lib/clock.js';
import { conversationRepository } from '../../repositories/conversation.repository.js';
import { inboxRepository } from '../../repositories/inbox.repository.js';
import { sendCsatSurvey } from '../csat/send-csat-survey.js';
import type { Updateable } from 'kysely';

/** Stored integers of the statuses (common/enums.ts CONVERSATION_STATUSES). */
export const STATUS = { open: 0, resolved: 1, pending: 2, snoozed: 3 } as const;

export interface ChangeStatusOptions {
  /** Epoch ms the snooze ends; only kept when the new status is snoozed (null = until the next reply). */
  snoozedUntil?: number | null;
}

/**
 * Sets a conversation's status the way Chatwoot's model callbacks do: snoozed_until
 * is cleared unless snoozed, waiting_since is cleared on resolve, and the update
 * records conversation.opened / conversation.resolved, conversation.status_changed
 * and conversation.updated (with `changes`); a conversation just resolved gets the CSAT
 * survey when its inbox asks for one. Nothing happens when neither the status nor the
 * snooze time changes.
 */
export async function changeConversationStatus(
  ctx: Ctx,
  conversation: ConversationRow,
  status: number,
  options: ChangeStatusOptions = {},
): Promise<ConversationRow> {
  const snoozedUntil = status === STATUS.snoozed ? (options.snoozedUntil ?? null) : null;
  const statusChanged = conversation.status !== status;
  const snoozeChanged = conversation.snoozed_until !== snoozedUntil;
  if (!statusChanged && !snoozeChanged) {
    return conversation;
  }
  const values: Updateable<ConversationsTable> = { status, snoozed_until: snoozedUntil, updated_at: now() };
  if (statusChanged && status === STATUS.resolved) {
    values.waiting_since = null;
  }
  const updated = await conversationRepository.update(ctx.db, conversation.id, values);
  await recordStatusEvents(ctx, conversation, updated, statusChanged);
  if (statusChanged && status === STATUS.resolved) {
    const inbox = await inboxRepository.findById(ctx.db, updated.account_id, updated.inbox_id);
    if (inbox) {
      await sendCsatSurvey(ctx, updated, inbox);
    }
  }
  return updated;
}

/** The `{field: [before, after]}` diff of a status change, values as Chatwoot serializes them. */
function statusChanges(before: ConversationRow, after: ConversationRow): Changes {
  const changes: Changes = {};
  if (before.status !== after.status) {
    changes.status = [enumName(CONVERSATION_STATUSES, before.status), enumName(CONVERSATION_STATUSES, after.status)];
  }
  if (before.snoozed_until !== after.snoozed_until) {
    changes.snoozed_until = [toIso(before.snoozed_until), toIso(after.snoozed_until)];
  }
  changes.updated_at = [toIso(before.updated_at), toIso(after.updated_at)];
  return changes;
}

async function recordStatusEvents(
  ctx: Ctx,
  before: ConversationRow,
  after: ConversationRow,
  statusChanged: boolean,
): Promise<void> {
  const base = {
    accountId: after.account_id,
    actor: eventActor(ctx.actor),
    conversationId: after.id,
    inboxId: after.inbox_id,
  };
  if (statusChanged) {
    const statusChange: Changes = { status: statusChanges(before, after).status as [unknown, unknown] };
    if (after.status === STATUS.open) {
      await recordEvent(ctx.db, { ...base, name: 'conversation.opened', changes: statusChange });
    }
    if (after.status === STATUS.resolved) {
      await recordEvent(ctx.db, { ...base, name: 'conversation.resolved', changes: statusChange });
    }
    await recordEvent(ctx.db, { ...base, name: 'conversation.status_changed', changes: statusChange });
  }
  await recordEvent(ctx.db, { ...base, name: 'conversation.updated', changes: statusChanges(before, after) });
}
