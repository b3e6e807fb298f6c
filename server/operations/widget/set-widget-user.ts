import type { Ctx } from '../../context.js';
import type { ChannelWebWidgetRow, ContactInboxRow, ContactRow, InboxRow } from '../../db/schema.js';
import { unauthorized } from '../../lib/errors.js';
import { hmacHex, safeEqual } from '../../lib/tokens.js';
import { contactInboxRepository } from '../../repositories/contact-inbox.repository.js';
import { identifyContact, type IdentifyContactInput } from '../contacts/identify-contact.js';
import { HMAC_FAILED } from '../public/verify-contact-identity.js';
import { startVisitorSession, type VisitorSession } from './start-visitor-session.js';

/** What `window.$chatwoot.setUser(identifier, user)` sends. */
export interface SetWidgetUserInput extends IdentifyContactInput {
  identifier?: string | null;
  /** hex(HMAC-SHA256(channel.hmac_token, identifier)). */
  identifier_hash?: string | null;
}

/** The result: the session now in use, and whether it is a new one (the widget then switches to its token). */
export interface SetWidgetUserResult extends VisitorSession {
  switched: boolean;
}

/** Whether the identity must be proven (ContactsController#should_verify_hmac?). */
function mustVerify(channel: ChannelWebWidgetRow, input: SetWidgetUserInput): boolean {
  const hash = input.identifier_hash ?? '';
  if (hash.trim() === '' && !channel.hmac_mandatory) {
    return false;
  }
  const hasCustom = input.custom_attributes && Object.keys(input.custom_attributes).length > 0;
  return !(hasCustom && !(input.identifier ?? '').trim());
}

/**
 * Identifies the widget's visitor as a known user (Widget::ContactsController#set_user):
 * a hash that must be checked and is wrong or missing is a 401; a session already
 * identified as someone else starts a new session (new contact inbox and contact); a
 * proven identity marks the session hmac_verified, so it sees the contact's conversations
 * from every verified device; then the contact is identified (merged into the known
 * contact with that identifier, email or phone, and updated).
 */
export async function setWidgetUser(
  ctx: Ctx,
  widget: { channel: ChannelWebWidgetRow; inbox: InboxRow },
  session: { contactInbox: ContactInboxRow; contact: ContactRow },
  input: SetWidgetUserInput,
): Promise<SetWidgetUserResult> {
  const verify = mustVerify(widget.channel, input);
  if (verify && !safeEqual(input.identifier_hash ?? '', hmacHex(widget.channel.hmac_token, input.identifier ?? ''))) {
    throw unauthorized(HMAC_FAILED);
  }
  const different = session.contact.identifier !== null && session.contact.identifier !== '' && session.contact.identifier !== input.identifier;
  let current: VisitorSession = different ? await startVisitorSession(ctx, widget.inbox) : session;
  if (verify && !current.contactInbox.hmac_verified) {
    current = { ...current, contactInbox: await contactInboxRepository.markHmacVerified(ctx.db, widget.inbox.id, current.contactInbox.id) };
  }
  const { identifier_hash: _hash, ...fields } = input;
  const contact = await identifyContact(ctx, current.contact, fields);
  const contactInbox = await contactInboxRepository.findBySource(ctx.db, widget.inbox.id, current.contactInbox.source_id) ?? current.contactInbox;
  return { contactInbox, contact, switched: different };
}
