import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../../../../context.js';
import type { ConversationRow } from '../../../../../db/schema.js';
import { notFound } from '../../../../../lib/errors.js';
import { authorizeConversation, loadConversationAccess } from '../../../../../policies/conversation.policy.js';
import { conversationRepository } from '../../../../../repositories/conversation.repository.js';

const loaded = new WeakMap<FastifyRequest, ConversationRow>();

/**
 * The conversation addressed by `:conversation_id` (its display_id) in the request's
 * account, once the caller may read it: 404 when it is not in the account, 401 when
 * the caller may not see it (Conversations::BaseController). Loaded once per request,
 * so the upload hook can check access before accepting any file bytes.
 */
export async function conversationOf(request: FastifyRequest, deps: Deps): Promise<ConversationRow> {
  const cached = loaded.get(request);
  if (cached) {
    return cached;
  }
  const displayId = Number((request.params as { conversation_id?: string | number }).conversation_id);
  const db = deps.db.kysely;
  const conversation = Number.isInteger(displayId) && displayId > 0 && displayId <= 2_147_483_647
    ? await conversationRepository.findByDisplayId(db, request.account.id, displayId)
    : undefined;
  if (!conversation) {
    throw notFound();
  }
  authorizeConversation(request.actor, 'read', conversation, await loadConversationAccess(db, request.actor, conversation));
  loaded.set(request, conversation);
  return conversation;
}
