import { eventActor, type Ctx } from '../../context.js';
import type { ConversationRow, MessageRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { conversationParticipantRepository } from '../../repositories/conversation-participant.repository.js';
import { mentionRepository } from '../../repositories/mention.repository.js';
import { teamRepository } from '../../repositories/team.repository.js';
import { assignableUserIds } from '../participants/assignable-user-ids.js';
import { createNotification, type CreatedNotification } from './create-notification.js';

/** User and team ids named by Chatwoot's mention markup: `[@Name](mention://user/12/Name)`, `mention://team/3/…`. */
export function mentionedIds(content: string): { users: number[]; teams: number[] } {
  const ids = (kind: string) => [...content.matchAll(new RegExp(`\\(mention://${kind}/(\\d{1,10})/(.+?)\\)`, 'g'))].map((m) => Number(m[1]));
  return { users: ids('user'), teams: ids('team') };
}

/**
 * Mentions in a private note (Messages::MentionService): each mentioned user who can work in
 * the inbox (team mentions stand for the team's members) gets a mention record (or its time
 * moved), becomes a participant, gets the conversation.mentioned frame and — unless they wrote
 * the note — a conversation_mention notification. Returns the notifications created.
 */
export async function processMentions(ctx: Ctx, conversation: ConversationRow, message: MessageRow): Promise<CreatedNotification[]> {
  if (!message.private || !message.content) {
    return [];
  }
  const { users, teams } = mentionedIds(message.content);
  if (users.length === 0 && teams.length === 0) {
    return [];
  }
  const candidates = [...new Set([...users, ...(await teamRepository.memberIdsOfTeams(ctx.db, ctx.accountId, [...new Set(teams)]))])];
  const allowed = await assignableUserIds(ctx.db, conversation, candidates);
  const mentioned = candidates.filter((id) => allowed.has(id));
  const created: CreatedNotification[] = [];
  for (const userId of mentioned) {
    await mentionRepository.upsert(ctx.db, ctx.accountId, conversation.id, userId);
    await recordEvent(ctx.db, {
      name: 'conversation.mentioned', accountId: ctx.accountId, actor: eventActor(ctx.actor), conversationId: conversation.id, userId,
    });
  }
  await conversationParticipantRepository.addMany(ctx.db, ctx.accountId, conversation.id, mentioned);
  for (const userId of mentioned) {
    if (message.sender_type === 'User' && message.sender_id === userId) {
      continue;
    }
    const notification = await createNotification(ctx, { type: 'conversation_mention', userId, conversation, secondary: { type: 'Message', id: message.id } });
    if (notification) {
      created.push(notification);
    }
  }
  return created;
}
