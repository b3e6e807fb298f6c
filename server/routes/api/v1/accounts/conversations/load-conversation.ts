import type { Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { CONVERSATION_PRIORITIES, enumValue } from '../../../../../../common/enums.js';
import { withTransaction, type Actor, type Ctx, type Deps } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { ConversationRow } from '../../../../../db/schema.js';
import { loadConversationViews } from '../../../../../finders/conversation-views.finder.js';
import { notFound } from '../../../../../lib/errors.js';
import { authorizeConversation, conversationAbilities, loadConversationAccess } from '../../../../../policies/conversation.policy.js';
import { ConversationJson, presentConversation } from '../../../../../presenters/conversation.presenter.js';
import { conversationRepository } from '../../../../../repositories/conversation.repository.js';
import { ctxOf } from '../../../../types.js';

/**
 * The account's conversation with this display_id (404 otherwise), authorized for
 * `action` (401 otherwise), as Chatwoot's `conversation` before_action does.
 */
export async function loadConversation(
  db: Executor, actor: Actor, accountId: number, displayId: number,
  action: keyof ReturnType<typeof conversationAbilities> = 'read',
): Promise<ConversationRow> {
  const conversation = await conversationRepository.findByDisplayId(db, accountId, displayId);
  if (!conversation) {
    throw notFound();
  }
  authorizeConversation(actor, action, conversation, await loadConversationAccess(db, actor, conversation));
  return conversation;
}

/** The conversation a `/conversations/:conversation_id/…` request addresses, loaded and authorized for `action`. */
export function conversationOf(
  db: Executor, request: FastifyRequest, action: keyof ReturnType<typeof conversationAbilities> = 'read',
): Promise<ConversationRow> {
  const { conversation_id: displayId } = request.params as { conversation_id: number };
  return loadConversation(db, request.actor, request.account.id, displayId, action);
}

/** A stored priority from its name; blank or null clears it. */
export function priorityValue(name: string | null | undefined): number | null {
  return name ? enumValue(CONVERSATION_PRIORITIES, name) : null;
}

/** REST shape of one conversation, its associations loaded. */
export async function presentConversationRow(db: Executor, actor: Actor, conversation: ConversationRow): Promise<Static<typeof ConversationJson>> {
  const [view] = await loadConversationViews(db, actor, conversation.account_id, [conversation]);
  return presentConversation(view!);
}

/** REST shapes of many conversations, associations loaded in batches. */
export async function presentConversationRows(db: Executor, actor: Actor, accountId: number, rows: ConversationRow[]): Promise<Array<Static<typeof ConversationJson>>> {
  return (await loadConversationViews(db, actor, accountId, rows)).map((view) => presentConversation(view));
}

/**
 * Runs `work` in a transaction on the conversation re-read under a row lock, so
 * concurrent updates of one conversation apply one after the other.
 */
export function withLockedConversation<T>(
  deps: Deps, request: FastifyRequest, conversation: ConversationRow, work: (ctx: Ctx, locked: ConversationRow) => Promise<T>,
): Promise<T> {
  return withTransaction(deps, async (tx) => {
    const locked = await conversationRepository.findForUpdate(tx, conversation.account_id, conversation.id);
    return work(ctxOf(request, deps, tx), locked);
  });
}

/** preValidation hook: a POST sent without a body validates as `{}` (shared by every route file). */
export { emptyBodyAsObject } from '../../../../wrapped-body.js';
