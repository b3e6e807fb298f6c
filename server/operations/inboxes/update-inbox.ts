import { changesBetween, recordAudit } from '../audit/record-audit.js';
import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { InboxRow, WorkingHourRow } from '../../db/schema.js';
import type { Changes } from '../../events/catalog.js';
import { recordEvent } from '../../events/outbox.js';
import { channelApiRepository } from '../../repositories/channel-api.repository.js';
import { channelWebWidgetRepository } from '../../repositories/channel-web-widget.repository.js';
import { inboxRepository } from '../../repositories/inbox.repository.js';
import { workingHourRepository } from '../../repositories/working-hour.repository.js';
import type { InboxChannel } from './create-inbox.js';
import { apiChannelColumns, inboxColumns, type ApiChannelAttributes, type InboxAttributes } from './inbox-attributes.js';
import { webWidgetColumns, type WebWidgetAttributes } from './web-widget-attributes.js';
import { workingDayOf, workingHoursChanges, type WorkingHourInput } from './working-hours-attributes.js';

export interface UpdateInboxInput extends InboxAttributes {
  /** Channel attributes to change; for an API channel the whole `additional_attributes` hash is replaced. */
  channel?: ApiChannelAttributes & WebWidgetAttributes;
  /** Days of the weekly schedule to change, each naming its `day_of_week`. */
  working_hours?: WorkingHourInput[];
}

/** What an inbox update returns: the rows as they are now. */
export interface UpdatedInbox {
  inbox: InboxRow;
  channel: InboxChannel | null;
  workingHours: WorkingHourRow[];
}

/** `{column: [before, after]}` for the columns whose value differs. */
function diff(before: object, values: object): Changes {
  const changes: Changes = {};
  for (const [key, after] of Object.entries(values)) {
    const previous = (before as Record<string, unknown>)[key];
    if (JSON.stringify(previous) !== JSON.stringify(after)) {
      changes[key] = [previous, after];
    }
  }
  return changes;
}

/** The channel's columns to change, by the inbox's channel type. */
function channelValues(inbox: InboxRow, input: UpdateInboxInput['channel']): Record<string, unknown> {
  if (!input) {
    return {};
  }
  if (inbox.channel_type === 'Channel::WebWidget') {
    return webWidgetColumns(input);
  }
  const { webhook_url, hmac_mandatory, additional_attributes } = input;
  return inbox.channel_type === 'Channel::Api' ? apiChannelColumns({ webhook_url, hmac_mandatory, additional_attributes }) : {};
}

async function saveChannel(ctx: Ctx, inbox: InboxRow, values: Record<string, unknown>): Promise<InboxChannel> {
  return inbox.channel_type === 'Channel::WebWidget'
    ? channelWebWidgetRepository.update(ctx.db, ctx.accountId, inbox.channel_id, values)
    : channelApiRepository.update(ctx.db, ctx.accountId, inbox.channel_id, values);
}

/** Writes the changed days of the schedule; `working_hours: [before, after]` when any changed. */
async function saveWorkingHours(ctx: Ctx, rows: WorkingHourRow[], input: WorkingHourInput[] | undefined): Promise<{ rows: WorkingHourRow[]; changes: Changes }> {
  const changed = input ? workingHoursChanges(rows, input) : [];
  if (changed.length === 0) {
    return { rows, changes: {} };
  }
  const saved = new Map<number, WorkingHourRow>();
  for (const { row, day } of changed) {
    saved.set(row.id, await workingHourRepository.update(ctx.db, ctx.accountId, row.id, day));
  }
  const after = rows.map((row) => saved.get(row.id) ?? row);
  return { rows: after, changes: { working_hours: [rows.map(workingDayOf), after.map(workingDayOf)] } };
}

/**
 * Updates an inbox, its channel (API or website) and its weekly schedule, and records
 * `inbox.updated` with the changed attributes when anything changed.
 */
export async function updateInbox(ctx: Ctx, inbox: InboxRow, channel: InboxChannel | null, input: UpdateInboxInput): Promise<UpdatedInbox> {
  const inboxValues = inboxColumns(input);
  const values = channel ? channelValues(inbox, input.channel) : {};
  const schedule = await saveWorkingHours(ctx, await workingHourRepository.listByInbox(ctx.db, ctx.accountId, inbox.id), input.working_hours);
  const changes = { ...diff(inbox, inboxValues), ...(channel ? diff(channel, values) : {}), ...schedule.changes };
  if (Object.keys(changes).length === 0) {
    return { inbox, channel, workingHours: schedule.rows };
  }
  const updatedChannel = channel && Object.keys(values).length > 0 ? await saveChannel(ctx, inbox, values) : channel;
  const updatedInbox = await inboxRepository.update(ctx.db, ctx.accountId, inbox.id, inboxValues);
  await recordEvent(ctx.db, {
    name: 'inbox.updated', accountId: ctx.accountId, actor: eventActor(ctx.actor), inboxId: inbox.id, changes,
  });
  await recordAudit(ctx, { auditableType: 'Inbox', auditableId: inbox.id, action: 'update', changes: changesBetween(inbox, updatedInbox) });
  return { inbox: updatedInbox, channel: updatedChannel, workingHours: schedule.rows };
}
