import { changesBetween, recordAudit } from '../audit/record-audit.js';
import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { InboxRow } from '../../db/schema.js';
import type { Changes } from '../../events/catalog.js';
import { recordEvent } from '../../events/outbox.js';
import { channelApiRepository } from '../../repositories/channel-api.repository.js';
import { channelWebWidgetRepository } from '../../repositories/channel-web-widget.repository.js';
import { inboxRepository } from '../../repositories/inbox.repository.js';
import type { InboxChannel } from './create-inbox.js';
import { apiChannelColumns, inboxColumns, type ApiChannelAttributes, type InboxAttributes } from './inbox-attributes.js';
import { webWidgetColumns, type WebWidgetAttributes } from './web-widget-attributes.js';

export interface UpdateInboxInput extends InboxAttributes {
  /** Channel attributes to change; for an API channel the whole `additional_attributes` hash is replaced. */
  channel?: ApiChannelAttributes & WebWidgetAttributes;
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

/**
 * Updates an inbox and its channel (API or website), and records `inbox.updated`
 * with the changed attributes when anything changed.
 */
export async function updateInbox(
  ctx: Ctx,
  inbox: InboxRow,
  channel: InboxChannel | null,
  input: UpdateInboxInput,
): Promise<{ inbox: InboxRow; channel: InboxChannel | null }> {
  const inboxValues = inboxColumns(input);
  const values = channel ? channelValues(inbox, input.channel) : {};
  const changes = { ...diff(inbox, inboxValues), ...(channel ? diff(channel, values) : {}) };
  if (Object.keys(changes).length === 0) {
    return { inbox, channel };
  }
  const updatedChannel = channel && Object.keys(values).length > 0 ? await saveChannel(ctx, inbox, values) : channel;
  const updatedInbox = await inboxRepository.update(ctx.db, ctx.accountId, inbox.id, inboxValues);
  await recordEvent(ctx.db, {
    name: 'inbox.updated', accountId: ctx.accountId, actor: eventActor(ctx.actor), inboxId: inbox.id, changes,
  });
  await recordAudit(ctx, { auditableType: 'Inbox', auditableId: inbox.id, action: 'update', changes: changesBetween(inbox, updatedInbox) });
  return { inbox: updatedInbox, channel: updatedChannel };
}
