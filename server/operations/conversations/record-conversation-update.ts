import { CONVERSATION_PRIORITIES, CONVERSATION_STATUSES, enumName } from '../../../common/enums.js';
import { eventActor, type Ctx } from '../../context.js';
import type { ConversationRow } from '../../db/schema.js';
import type { Changes } from '../../events/catalog.js';
import { recordEvent } from '../../events/outbox.js';
import { toIso } from '../../lib/clock.js';

type Column = keyof ConversationRow;

/** `cached_label_list` ("a, b") as titles. */
function labelsOf(row: ConversationRow): string[] {
  return row.cached_label_list.split(',').map((title) => title.trim()).filter((title) => title.length > 0);
}

/** Columns whose change makes Chatwoot dispatch conversation.updated (Conversation#list_of_keys). */
const UPDATED_KEYS: ReadonlySet<string> = new Set([
  'team_id', 'assignee_id', 'assignee_agent_bot_id', 'status', 'snoozed_until', 'custom_attributes', 'label_list',
  'waiting_since', 'first_reply_created_at', 'priority',
]);
const TIME_COLUMNS: ReadonlySet<string> = new Set([
  'contact_last_seen_at', 'agent_last_seen_at', 'assignee_last_seen_at', 'last_activity_at', 'waiting_since',
  'first_reply_created_at', 'snoozed_until', 'created_at', 'updated_at',
]);

/** A column value as Chatwoot serializes it in `changed_attributes` (enum names, ISO times). */
function wireValue(column: string, value: unknown): unknown {
  if (column === 'status') {
    return enumName(CONVERSATION_STATUSES, value as number);
  }
  if (column === 'priority') {
    return enumName(CONVERSATION_PRIORITIES, value as number | null);
  }
  return TIME_COLUMNS.has(column) ? toIso(value as number | null) : value;
}

/** `{column: [before, after]}` for every column that changed, plus `label_list` when the labels did. */
function conversationChanges(before: ConversationRow, after: ConversationRow): Changes {
  const changes: Changes = {};
  for (const column of Object.keys(after) as Column[]) {
    if (JSON.stringify(before[column]) !== JSON.stringify(after[column])) {
      changes[column] = [wireValue(column, before[column]), wireValue(column, after[column])];
    }
  }
  if (changes.cached_label_list) {
    changes.label_list = [labelsOf(before), labelsOf(after)];
  }
  return changes;
}

function dispatchesUpdated(changes: Changes): boolean {
  if (Object.keys(changes).some((key) => UPDATED_KEYS.has(key))) {
    return true;
  }
  const attributes = changes.additional_attributes as [Record<string, unknown>, Record<string, unknown>] | undefined;
  return attributes !== undefined && JSON.stringify(attributes[0]?.conversation_language) !== JSON.stringify(attributes[1]?.conversation_language);
}

/**
 * Records the events Chatwoot dispatches after a conversation update: assignee.changed
 * and team.changed for those columns, then conversation.updated when a watched column
 * changed. `before` is the row as it was; `after` as written.
 */
export async function recordConversationUpdate(ctx: Ctx, before: ConversationRow, after: ConversationRow): Promise<void> {
  const changes = conversationChanges(before, after);
  const base = { accountId: after.account_id, actor: eventActor(ctx.actor), conversationId: after.id, inboxId: after.inbox_id, changes };
  if (changes.assignee_id) {
    await recordEvent(ctx.db, { ...base, name: 'assignee.changed' });
  }
  if (changes.team_id) {
    await recordEvent(ctx.db, { ...base, name: 'team.changed' });
  }
  if (dispatchesUpdated(changes)) {
    await recordEvent(ctx.db, { ...base, name: 'conversation.updated' });
  }
}

