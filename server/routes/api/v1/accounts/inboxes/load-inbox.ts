import type { Actor } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { InboxRow } from '../../../../../db/schema.js';
import type { InboxChannel } from '../../../../../operations/inboxes/create-inbox.js';
import { notFound } from '../../../../../lib/errors.js';
import { authorizeInbox, type InboxAction } from '../../../../../policies/inbox.policy.js';
import { channelApiRepository } from '../../../../../repositories/channel-api.repository.js';
import { channelWebWidgetRepository } from '../../../../../repositories/channel-web-widget.repository.js';
import { inboxMemberRepository } from '../../../../../repositories/inbox-member.repository.js';
import { inboxRepository } from '../../../../../repositories/inbox.repository.js';

/** The inbox's channel row (API and website channels; null for channel types not built yet). */
export async function channelOf(db: Executor, inbox: InboxRow): Promise<InboxChannel | null> {
  if (inbox.channel_type === 'Channel::WebWidget') {
    return (await channelWebWidgetRepository.findById(db, inbox.account_id, inbox.channel_id)) ?? null;
  }
  if (inbox.channel_type !== 'Channel::Api') {
    return null;
  }
  return (await channelApiRepository.findById(db, inbox.account_id, inbox.channel_id)) ?? null;
}

/** The channel rows of these inboxes, keyed by `channel_type:channel_id`. */
export async function channelsOf(db: Executor, accountId: number, inboxes: InboxRow[]): Promise<Map<string, InboxChannel>> {
  const idsOf = (type: string) => inboxes.filter((i) => i.channel_type === type).map((i) => i.channel_id);
  const api = await channelApiRepository.findByIds(db, accountId, idsOf('Channel::Api'));
  const web = await channelWebWidgetRepository.findByIds(db, accountId, idsOf('Channel::WebWidget'));
  return new Map<string, InboxChannel>([
    ...api.map((c) => [`Channel::Api:${c.id}`, c] as const),
    ...web.map((c) => [`Channel::WebWidget:${c.id}`, c] as const),
  ]);
}

/**
 * Loads an inbox of the account (404 otherwise) and checks the actor may do
 * `action` on it (401 otherwise), as Chatwoot's `fetch_inbox` + policy do.
 */
export async function loadInbox(db: Executor, actor: Actor, accountId: number, id: number, action: InboxAction): Promise<InboxRow> {
  const inbox = await inboxRepository.findById(db, accountId, id);
  if (!inbox) {
    throw notFound();
  }
  const isMember = actor.type === 'User' && (await inboxMemberRepository.isMember(db, inbox.id, actor.id));
  authorizeInbox(actor, 'read', isMember);
  authorizeInbox(actor, action, isMember);
  return inbox;
}
