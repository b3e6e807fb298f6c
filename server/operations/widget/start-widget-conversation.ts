import type { Ctx } from '../../context.js';
import type { ContactInboxRow, ContactRow, ConversationRow, InboxRow } from '../../db/schema.js';
import type { StoredUpload } from '../../storage/attachment-files.js';
import { labelRepository } from '../../repositories/label.repository.js';
import { identifyContact } from '../contacts/identify-contact.js';
import { createConversation } from '../conversations/create-conversation.js';
import { replaceConversationLabels } from '../conversations/replace-conversation-labels.js';
import { createMessage } from '../messages/create-message.js';

type Json = Record<string, unknown>;

/** What the widget sends with a visitor's message. */
export interface WidgetMessageInput {
  content: string | null;
  /** The widget's temporary id, echoed back. */
  echoId?: string | null;
  /** The id of the message this one answers. */
  replyTo?: number | string | null;
  uploads?: StoredUpload[];
}

/** Facts the widget tells about the visitor when a conversation starts (Widget::BaseController#conversation_params). */
export interface WidgetConversationFacts {
  browserLanguage?: string | null;
  browser?: Json;
  referer?: string | null;
  timestamp?: string | null;
  customAttributes?: Json;
  /** Titles of account labels to put on a conversation started by a message. */
  labels?: string[];
}

/** Creates the visitor's incoming message in the conversation. */
export async function createVisitorMessage(ctx: Ctx, conversation: ConversationRow, input: WidgetMessageInput) {
  const replyTo = input.replyTo === undefined || input.replyTo === null || input.replyTo === '' ? {} : { in_reply_to: input.replyTo };
  return createMessage(ctx, conversation, {
    content: input.content, messageType: 'incoming', private: false, contentType: 'text', contentAttributes: replyTo,
    echoId: input.echoId ?? null, sourceId: null, externalCreatedAt: null, campaignId: null, templateParams: null,
    senderBotId: null, isVoiceMessage: false, uploads: input.uploads ?? [],
  });
}

/**
 * A new conversation of the widget's visitor (Widget::BaseController#create_conversation):
 * browser facts in additional_attributes, the given custom attributes, and the account's
 * labels among those asked for.
 */
export async function startWidgetConversation(
  ctx: Ctx,
  session: { inbox: InboxRow; contact: ContactRow; contactInbox: ContactInboxRow },
  facts: WidgetConversationFacts,
): Promise<ConversationRow> {
  const conversation = await createConversation(ctx, {
    target: { inbox: session.inbox, contact: session.contact, contactInbox: session.contactInbox, sourceId: session.contactInbox.source_id },
    hmacVerified: session.contactInbox.hmac_verified,
    additionalAttributes: {
      browser_language: facts.browserLanguage ?? null, browser: facts.browser ?? {},
      initiated_at: { timestamp: facts.timestamp ?? null }, referer: facts.referer ?? null,
    },
    customAttributes: facts.customAttributes ?? {},
  });
  const wanted = facts.labels ?? [];
  if (wanted.length === 0) {
    return conversation;
  }
  const known = await labelRepository.existingTitles(ctx.db, ctx.accountId, wanted);
  return known.length > 0 ? (await replaceConversationLabels(ctx, conversation, known)).conversation : conversation;
}

/** The visitor's name, email and phone from the pre-chat form (ConversationsController#process_update_contact). */
export async function applyPreChatContact(ctx: Ctx, contact: ContactRow, given: { name?: string | null; email?: string | null; phone_number?: string | null }): Promise<ContactRow> {
  const email = given.email?.toLowerCase() || null;
  const identified = contact.email || contact.phone_number || contact.identifier;
  const name = identified ? null : given.name || (email ? email.split('@')[0] : null);
  return identifyContact(ctx, contact, { email, phone_number: given.phone_number ?? null, name });
}
