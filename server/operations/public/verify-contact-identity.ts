import type { Ctx } from '../../context.js';
import type { ChannelApiRow, ContactInboxRow } from '../../db/schema.js';
import { unauthorized } from '../../lib/errors.js';
import { hmacHex, safeEqual } from '../../lib/tokens.js';
import { contactInboxRepository } from '../../repositories/contact-inbox.repository.js';

/** What the Client API caller sent to prove who the contact is. */
export interface IdentityProof {
  /** The contact's identifier in the business's system (the HMAC message). */
  identifier?: string | null;
  /** hex(HMAC-SHA256(channel.hmac_token, identifier)). */
  identifierHash?: string | null;
}

/** Chatwoot raises (HTTP 500) on a bad hash; Parley answers 401 with the same words. */
export const HMAC_FAILED = 'HMAC failed: Invalid Identifier Hash Provided';

/**
 * Checks the identity proof of a Client API contact request
 * (Public::Api::V1::Inboxes::ContactsController#process_hmac): nothing to check when
 * no hash was sent and the channel does not make it mandatory; otherwise a missing or
 * wrong hash is a 401 (compared in constant time). A good hash marks the contact inbox,
 * when there is one, as hmac_verified. Returns the contact inbox as it now is.
 */
export async function verifyContactIdentity(
  ctx: Ctx,
  channel: ChannelApiRow,
  contactInbox: ContactInboxRow | null,
  proof: IdentityProof,
): Promise<ContactInboxRow | null> {
  const hash = proof.identifierHash ?? '';
  if (hash.trim() === '' && !channel.hmac_mandatory) {
    return contactInbox;
  }
  const expected = hmacHex(channel.hmac_token, proof.identifier ?? '');
  if (!safeEqual(hash, expected)) {
    throw unauthorized(HMAC_FAILED);
  }
  if (!contactInbox || contactInbox.hmac_verified) {
    return contactInbox;
  }
  return contactInboxRepository.markHmacVerified(ctx.db, contactInbox.inbox_id, contactInbox.id);
}
