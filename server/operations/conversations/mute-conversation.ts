import type { Ctx } from '../../context.js';
import type { ConversationRow } from '../../db/schema.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { updateContact } from '../contacts/update-contact.js';
import { createMessage } from '../messages/create-message.js';
import { changeConversationStatus, STATUS } from './change-conversation-status.js';

/** Chatwoot's `conversations.activity.muted|unmuted` sentence, as an activity message by no sender (only when a person acted). */
async function recordMuteActivity(ctx: Ctx, conversation: ConversationRow, change: 'muted' | 'unmuted'): Promise<void> {
  if (ctx.actor.type !== 'User') {
    return;
  }
  const name = ctx.actor.user.name;
  await createMessage(ctx, conversation, {
    content: `${name} has ${change} the conversation`, messageType: 'activity', private: false, contentType: 'text', contentAttributes: {},
    echoId: null, sourceId: null, externalCreatedAt: null, campaignId: null, templateParams: null, senderBotId: null,
    isVoiceMessage: false, uploads: [], withoutSender: true,
  });
}

/**
 * `POST /conversations/:id/mute` (Conversation#mute!): resolves the conversation, blocks its
 * contact (so the contact's conversations read `muted: true` and new messages from them
 * reopen nothing and notify nobody) and records the activity message.
 */
export async function muteConversation(ctx: Ctx, conversation: ConversationRow): Promise<ConversationRow> {
  const contact = await contactRepository.findById(ctx.db, ctx.accountId, conversation.contact_id);
  if (!contact) {
    return conversation;
  }
  const resolved = await changeConversationStatus(ctx, conversation, STATUS.resolved);
  await updateContact(ctx, contact, { blocked: true });
  await recordMuteActivity(ctx, resolved, 'muted');
  return resolved;
}

/** `POST /conversations/:id/unmute` (Conversation#unmute!): unblocks the contact and records the activity message; the status stays. */
export async function unmuteConversation(ctx: Ctx, conversation: ConversationRow): Promise<ConversationRow> {
  const contact = await contactRepository.findById(ctx.db, ctx.accountId, conversation.contact_id);
  if (!contact) {
    return conversation;
  }
  await updateContact(ctx, contact, { blocked: false });
  await recordMuteActivity(ctx, conversation, 'unmuted');
  return conversation;
}
