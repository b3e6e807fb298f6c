import { CONTENT_TYPES, enumValue } from '../../../common/enums.js';
import { isOpenAt } from '../../../common/working-hours.js';
import type { Ctx } from '../../context.js';
import type { ConversationRow, InboxRow, MessageRow } from '../../db/schema.js';
import { accountRepository } from '../../repositories/account.repository.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { messageRepository } from '../../repositories/message.repository.js';
import { workingHourRepository } from '../../repositories/working-hour.repository.js';
import { workingDayOf } from '../inboxes/working-hours-attributes.js';
import { createMessage } from './create-message.js';

const INCOMING = 0;
const FIVE_MINUTES = 5 * 60_000;

/** Chatwoot's `conversations.templates.*` bodies. */
export const WAYS_TO_REACH_YOU = 'Give the team a way to reach you.';
export const EMAIL_INPUT_BOX = 'Get notified by email';

/**
 * Inbox#out_of_office?: the inbox keeps working hours and its schedule, read in its time
 * zone, is closed at `at`.
 */
export async function isOutOfOffice(ctx: Ctx, inbox: InboxRow, at: number): Promise<boolean> {
  if (!inbox.working_hours_enabled) {
    return false;
  }
  const rows = await workingHourRepository.listByInbox(ctx.db, ctx.accountId, inbox.id);
  return !isOpenAt(rows.map(workingDayOf), inbox.timezone, at);
}

/** A template message (no sender) in the conversation. */
function sendTemplate(ctx: Ctx, conversation: ConversationRow, content: string, contentType: 'text' | 'input_email' = 'text') {
  return createMessage(ctx, conversation, {
    content, messageType: 'template', private: false, contentType, contentAttributes: {}, echoId: null, sourceId: null,
    externalCreatedAt: null, campaignId: null, templateParams: null, senderBotId: null, isVoiceMessage: false, uploads: [], withoutSender: true,
  });
}

/** Whether the inbox has any automatic reply turned on (most do not: then nothing is read). */
function mayReply(inbox: InboxRow): boolean {
  return (inbox.working_hours_enabled && Boolean(inbox.out_of_office_message))
    || (inbox.greeting_enabled && Boolean(inbox.greeting_message))
    || (inbox.enable_email_collect && inbox.channel_type === 'Channel::WebWidget');
}

/**
 * The automatic replies to a contact's message (MessageTemplates::HookExecutionService), as
 * explicit steps after an incoming message: the out-of-office message when the inbox keeps
 * working hours and is closed now (not while an agent replied in the last five minutes, once
 * a day); the greeting on the contact's first message; and, in a website inbox collecting
 * emails, the email-capture pair while the contact has no email. Campaign conversations get none.
 */
export async function sendMessageTemplates(ctx: Ctx, facts: { conversation: ConversationRow; inbox: InboxRow; message: MessageRow }): Promise<void> {
  const { conversation, inbox, message } = facts;
  if (message.message_type !== INCOMING || conversation.campaign_id !== null || !mayReply(inbox)) {
    return;
  }
  const others = await messageRepository.replyFacts(ctx.db, conversation.id, message.id, enumValue(CONTENT_TYPES, 'input_email'));
  const dayStart = message.created_at - (message.created_at % 86_400_000);
  const recentReply = others.lastPublicReplyAt !== null && others.lastPublicReplyAt > message.created_at - FIVE_MINUTES;
  const templateToday = others.lastTemplateAt !== null && others.lastTemplateAt >= dayStart;
  if (inbox.out_of_office_message && !recentReply && !templateToday && (await isOutOfOffice(ctx, inbox, message.created_at))) {
    await sendTemplate(ctx, conversation, inbox.out_of_office_message);
  }
  const firstFromContact = !others.answered;
  if (firstFromContact && inbox.greeting_enabled && inbox.greeting_message) {
    await sendTemplate(ctx, conversation, inbox.greeting_message);
  }
  const emailAsked = others.emailAsked;
  const contact = inbox.enable_email_collect && inbox.channel_type === 'Channel::WebWidget' && !emailAsked
    ? await contactRepository.findById(ctx.db, ctx.accountId, conversation.contact_id) : undefined;
  if (contact && !contact.email) {
    const account = await accountRepository.findById(ctx.db, ctx.accountId);
    await sendTemplate(ctx, conversation, WAYS_TO_REACH_YOU.replace('%{account_name}', account?.name ?? ''));
    await sendTemplate(ctx, conversation, EMAIL_INPUT_BOX, 'input_email');
  }
}
