import type { Actor } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { ChannelApiRow, InboxRow } from '../../../../../db/schema.js';
import { notFound } from '../../../../../lib/errors.js';
import { authorizeInbox, type InboxAction } from '../../../../../policies/inbox.policy.js';
import { channelApiRepository } from '../../../../../repositories/channel-api.repository.js';
import { inboxMemberRepository } from '../../../../../repositories/inbox-member.repository.js';
import { inboxRepository } from '../../../../../repositories/inbox.repository.js';

/** The inbox's channel row (API channels today; null for channel types not built yet). */
export async function channelOf(db: Executor, inbox: InboxRow): Promise<ChannelApiRow | null> {
  if (inbox.channel_type !== 'Channel::Api') {
    return null;
  }
  return (await channelApiRepository.findById(db, inbox.account_id, inbox.channel_id)) ?? null;
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
