import type { Ctx } from '../../context.js';
import { eventActor } from '../../context.js';
import type { ChannelApiRow, InboxRow } from '../../db/schema.js';
import type { Changes } from '../../events/catalog.js';
import { recordEvent } from '../../events/outbox.js';
import { channelApiRepository } from '../../repositories/channel-api.repository.js';
import { inboxRepository } from '../../repositories/inbox.repository.js';
import { apiChannelColumns, inboxColumns, type ApiChannelAttributes, type InboxAttributes } from './inbox-attributes.js';

export interface UpdateInboxInput extends InboxAttributes {
  /** Channel attributes to change; the whole `additional_attributes` hash is replaced. */
  channel?: ApiChannelAttributes;
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

/**
 * Updates an inbox and its API channel, and records `inbox.updated` with the
 * changed attributes when anything changed.
 */
export async function updateInbox(
  ctx: Ctx,
  inbox: InboxRow,
  channel: ChannelApiRow | null,
  input: UpdateInboxInput,
): Promise<{ inbox: InboxRow; channel: ChannelApiRow | null }> {
  const inboxValues = inboxColumns(input);
  const channelValues = input.channel && channel ? apiChannelColumns(input.channel) : {};
  const changes = { ...diff(inbox, inboxValues), ...(channel ? diff(channel, channelValues) : {}) };
  if (Object.keys(changes).length === 0) {
    return { inbox, channel };
  }
  const updatedChannel = channel && Object.keys(channelValues).length > 0
    ? await channelApiRepository.update(ctx.db, ctx.accountId, channel.id, channelValues)
    : channel;
  const updatedInbox = await inboxRepository.update(ctx.db, ctx.accountId, inbox.id, inboxValues);
  await recordEvent(ctx.db, {
    name: 'inbox.updated', accountId: ctx.accountId, actor: eventActor(ctx.actor), inboxId: inbox.id, changes,
  });
  return { inbox: updatedInbox, channel: updatedChannel };
}
