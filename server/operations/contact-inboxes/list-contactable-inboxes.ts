import type { Ctx } from '../../context.js';
import { isAdministrator } from '../../context.js';
import type { ContactInboxRow, ContactRow, InboxRow } from '../../db/schema.js';
import { uuid } from '../../lib/tokens.js';
import { mayUseInbox } from '../../policies/contact.policy.js';
import { contactInboxRepository } from '../../repositories/contact-inbox.repository.js';

/** An inbox where the contact can be reached, with the source_id to reach it by. */
export interface ContactableInbox {
  inbox: InboxRow;
  sourceId: string;
}

/**
 * The account's inboxes the actor may use where the contact can be reached
 * (Chatwoot's Contacts::ContactableInboxesService): API inboxes always, with the
 * contact's latest source_id there or a fresh UUID; a website inbox only through a
 * contact inbox that has no conversation yet; email and phone channels when the
 * contact has an email or phone.
 */
export async function listContactableInboxes(ctx: Ctx, contact: ContactRow): Promise<ContactableInbox[]> {
  const inboxes = await contactInboxRepository.listInboxes(ctx.db, ctx.accountId);
  const ids = inboxes.map((inbox) => inbox.id);
  const members = isAdministrator(ctx.actor) || ctx.actor.type !== 'User'
    ? new Set<number>()
    : await contactInboxRepository.memberInboxIds(ctx.db, ctx.actor.id, ids);
  const usable = inboxes.filter((inbox) => mayUseInbox(ctx.actor, inbox, members));
  const latest = await contactInboxRepository.latestByInbox(ctx.db, contact.id, usable.map((inbox) => inbox.id));
  const websiteContactInboxIds = usable.filter((inbox) => inbox.channel_type === 'Channel::WebWidget')
    .flatMap((inbox) => latest.get(inbox.id)?.id ?? []);
  const used = await contactInboxRepository.withConversations(ctx.db, websiteContactInboxIds);
  return usable.flatMap((inbox) => {
    const sourceId = sourceIdFor(inbox, contact, latest.get(inbox.id), used);
    return sourceId === null ? [] : [{ inbox, sourceId }];
  });
}

function sourceIdFor(inbox: InboxRow, contact: ContactRow, latest: ContactInboxRow | undefined, used: Set<number>): string | null {
  switch (inbox.channel_type) {
    case 'Channel::Api':
      return latest?.source_id ?? uuid();
    case 'Channel::WebWidget':
      return latest && !used.has(latest.id) ? latest.source_id : null;
    case 'Channel::Email':
      return contact.email || null;
    case 'Channel::Sms':
    case 'Channel::TwilioSms':
      return contact.phone_number || null;
    case 'Channel::Whatsapp':
      return contact.phone_number ? contact.phone_number.replace('+', '') : null;
    default:
      return null;
  }
}
