import type { Ctx } from '../../context.js';
import type { ConversationRow } from '../../db/schema.js';
import { HttpError } from '../../lib/errors.js';
import { conversationParticipantRepository } from '../../repositories/conversation-participant.repository.js';
import { assignableUserIds } from './assignable-user-ids.js';

const MAX_ID = 2_147_483_647;

/**
 * The requested ids as integers, each a user who can access the conversation's inbox;
 * anything else is refused with a 422 naming `user_ids` (ConversationParticipant's
 * "User must have inbox access").
 */
async function participantIds(ctx: Ctx, conversation: ConversationRow, requested: Array<number | string>): Promise<number[]> {
  const ids = [...new Set(requested.map((id) => Number(id)))];
  const refused = new HttpError(422, { message: 'User must have inbox access', attributes: ['user_ids'] });
  if (ids.some((id) => !Number.isInteger(id) || id < 1 || id > MAX_ID)) {
    throw refused;
  }
  const allowed = await assignableUserIds(ctx.db, conversation, ids);
  if (allowed.size !== ids.length) {
    throw refused;
  }
  return ids;
}

/** Adds participants; returns every participant id after the change. */
export async function addConversationParticipants(ctx: Ctx, conversation: ConversationRow, userIds: Array<number | string>): Promise<number[]> {
  const ids = await participantIds(ctx, conversation, userIds);
  await conversationParticipantRepository.addMany(ctx.db, ctx.accountId, conversation.id, ids);
  return ids;
}

/** Makes the participants exactly `userIds`. */
export async function replaceConversationParticipants(ctx: Ctx, conversation: ConversationRow, userIds: Array<number | string>): Promise<void> {
  const ids = await participantIds(ctx, conversation, userIds);
  const current = await conversationParticipantRepository.listUserIds(ctx.db, ctx.accountId, conversation.id);
  const wanted = new Set(ids);
  await conversationParticipantRepository.addMany(ctx.db, ctx.accountId, conversation.id, ids.filter((id) => !current.includes(id)));
  await conversationParticipantRepository.removeMany(ctx.db, ctx.accountId, conversation.id, current.filter((id) => !wanted.has(id)));
}

/** Removes participants; ids that are not participating are ignored. */
export async function removeConversationParticipants(ctx: Ctx, conversation: ConversationRow, userIds: Array<number | string>): Promise<void> {
  const ids = [...new Set(userIds.map((id) => Number(id)))].filter((id) => Number.isInteger(id) && id > 0 && id <= MAX_ID);
  await conversationParticipantRepository.removeMany(ctx.db, ctx.accountId, conversation.id, ids);
}
