import type { Ctx } from '../../context.js';
import type { InboxRow } from '../../db/schema.js';
import { channelApiRepository } from '../../repositories/channel-api.repository.js';
import { channelWebWidgetRepository } from '../../repositories/channel-web-widget.repository.js';
import { inboxRepository } from '../../repositories/inbox.repository.js';

/**
 * Deletes an inbox with everything hanging off it: conversations, messages,
 * contact inboxes, members and bot link go by cascading foreign keys, then the
 * channel row. Chatwoot records no event for this.
 */
export async function deleteInbox(ctx: Ctx, inbox: InboxRow): Promise<void> {
  await inboxRepository.remove(ctx.db, ctx.accountId, inbox.id);
  if (inbox.channel_type === 'Channel::Api') {
    await channelApiRepository.remove(ctx.db, ctx.accountId, inbox.channel_id);
  }
  if (inbox.channel_type === 'Channel::WebWidget') {
    await channelWebWidgetRepository.remove(ctx.db, ctx.accountId, inbox.channel_id);
  }
}
