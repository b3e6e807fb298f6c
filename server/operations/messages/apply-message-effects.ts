import type { Updateable } from 'kysely';
import { eventActor, type Ctx } from '../../context.js';
import type { ContactRow, ConversationRow, ConversationsTable, InboxRow, MessageRow } from '../../db/schema.js';
import type { Changes, EventName } from '../../events/catalog.js';
import { recordEvent } from '../../events/outbox.js';
import { now, toIso } from '../../lib/clock.js';
import { contactRepository } from '../../repositories/contact.repository.js';
import { conversationRepository } from '../../repositories/conversation.repository.js';
import { messageRepository } from '../../repositories/message.repository.js';
import { changeConversationStatus, STATUS } from '../conversations/change-conversation-status.js';

const INCOMING = 0;
const OUTGOING = 1;

/** A message just inserted, with the (locked, current) conversation and its inbox. */
export interface NewMessageFacts {
  conversation: ConversationRow;
  inbox: InboxRow;
  message: MessageRow;
}

/** Rails' `present?` for a JSON value. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== '';
}

/** Outgoing, written by a person (Message#human_response?): a user, or an echo of the native app; not automation or campaign. */
function isHumanResponse(m: MessageRow): boolean {
  return m.message_type === OUTGOING && !present(m.content_attributes.automation_rule_id)
    && !present(m.additional_attributes.campaign_id)
    && (m.sender_type === 'User' || present(m.content_attributes.external_echo));
}

async function record(ctx: Ctx, name: EventName, facts: { conversation: ConversationRow; message: MessageRow }, data?: Record<string, unknown>): Promise<void> {
  await recordEvent(ctx.db, {
    name, accountId: ctx.accountId, actor: eventActor(ctx.actor), conversationId: facts.conversation.id,
    messageId: facts.message.id, inboxId: facts.conversation.inbox_id, ...(data ? { data } : {}),
  });
}

/** Writes conversation columns that Chatwoot saves with callbacks, and records conversation.updated with the diff. */
async function updateConversation(ctx: Ctx, conversation: ConversationRow, values: Updateable<ConversationsTable>): Promise<ConversationRow> {
  const updated = await conversationRepository.update(ctx.db, conversation.id, values);
  const changes: Changes = {};
  for (const key of ['waiting_since', 'first_reply_created_at'] as const) {
    if (conversation[key] !== updated[key]) {
      changes[key] = [toIso(conversation[key]), toIso(updated[key])];
    }
  }
  changes.updated_at = [toIso(conversation.updated_at), toIso(updated.updated_at)];
  await recordEvent(ctx.db, {
    name: 'conversation.updated', accountId: ctx.accountId, actor: eventActor(ctx.actor),
    conversationId: conversation.id, inboxId: conversation.inbox_id, changes,
  });
  return updated;
}

/**
 * An incoming message reopens a snoozed or resolved conversation (Message#reopen_conversation):
 * to pending when the inbox has an active bot, else open; never for a blocked contact. In an
 * API inbox the contact is the one who reopened it, and the events after that say so.
 */
async function reopenOnIncoming(ctx: Ctx, facts: NewMessageFacts, contact: ContactRow | undefined): Promise<{ ctx: Ctx; conversation: ConversationRow }> {
  const { conversation, inbox, message } = facts;
  if (message.message_type !== INCOMING || !contact || contact.blocked) {
    return { ctx, conversation };
  }
  if (conversation.status === STATUS.snoozed) {
    return { ctx, conversation: await changeConversationStatus(ctx, conversation, STATUS.open) };
  }
  if (conversation.status !== STATUS.resolved) {
    return { ctx, conversation };
  }
  if (await messageRepository.inboxHasActiveBot(ctx.db, ctx.accountId, inbox.id)) {
    return { ctx, conversation: await changeConversationStatus(ctx, conversation, STATUS.pending) };
  }
  const byContact = inbox.channel_type === 'Channel::Api' && !message.private && message.sender_type === 'Contact';
  const performer: Ctx = byContact ? { ...ctx, actor: { type: 'Contact', id: contact.id } } : ctx;
  return { ctx: performer, conversation: await changeConversationStatus(performer, conversation, STATUS.open) };
}

/** last_activity_at follows the newest message; updated_at moves too (Message#set_conversation_activity). */
function touchConversationActivity(ctx: Ctx, conversation: ConversationRow, message: MessageRow): Promise<ConversationRow> {
  return conversationRepository.update(ctx.db, conversation.id, { last_activity_at: message.created_at });
}

/** First human reply in the conversation (Message#valid_first_reply?). */
async function isValidFirstReply(ctx: Ctx, conversation: ConversationRow, message: MessageRow): Promise<boolean> {
  if (!isHumanResponse(message) || message.private || conversation.first_reply_created_at !== null) {
    return false;
  }
  return (await messageRepository.countHumanOutgoing(ctx.db, conversation.id)) <= 1;
}

/**
 * first.reply.created on the first human reply (setting first_reply_created_at, clearing
 * waiting_since); otherwise a later reply clears waiting_since (a human one after recording
 * reply.created with the old value), and an incoming message starts the wait when none runs.
 */
async function trackReplyTimes(ctx: Ctx, conversation: ConversationRow, message: MessageRow): Promise<void> {
  const facts = { conversation, message };
  if (await isValidFirstReply(ctx, conversation, message)) {
    await record(ctx, 'first.reply.created', facts);
    await updateConversation(ctx, conversation, { first_reply_created_at: message.created_at, waiting_since: null });
    return;
  }
  let current = conversation;
  if (current.waiting_since !== null && !message.private) {
    if (isHumanResponse(message)) {
      await record(ctx, 'reply.created', facts, { waiting_since: current.waiting_since });
      current = await updateConversation(ctx, current, { waiting_since: null });
    } else if (message.message_type === OUTGOING && message.sender_type === 'AgentBot') {
      current = await updateConversation(ctx, current, { waiting_since: null });
    }
  }
  if (message.message_type === INCOMING && current.waiting_since === null) {
    await updateConversation(ctx, current, { waiting_since: message.created_at });
  }
}

/** The contact who sent a message was active just now (Message#update_contact_activity). */
async function touchContactActivity(ctx: Ctx, contact: ContactRow | undefined, message: MessageRow): Promise<void> {
  if (!contact || message.sender_type !== 'Contact' || message.sender_id !== contact.id) {
    return;
  }
  const at = now();
  const updated = await contactRepository.update(ctx.db, ctx.accountId, contact.id, { last_activity_at: at, updated_at: at });
  await recordEvent(ctx.db, {
    name: 'contact.updated', accountId: ctx.accountId, actor: eventActor(ctx.actor), contactId: contact.id,
    changes: {
      last_activity_at: [toIso(contact.last_activity_at), toIso(updated.last_activity_at)],
      updated_at: [toIso(contact.updated_at), toIso(updated.updated_at)],
    },
  });
}

/**
 * What Chatwoot's Message callbacks do after a message is created, as explicit steps in
 * its order: reopen on incoming, conversation activity, message.created, reply-time
 * tracking, contact activity.
 */
export async function applyMessageEffects(ctx: Ctx, facts: NewMessageFacts): Promise<void> {
  const contact = await contactRepository.findById(ctx.db, ctx.accountId, facts.conversation.contact_id);
  const reopened = await reopenOnIncoming(ctx, facts, contact);
  const conversation = await touchConversationActivity(reopened.ctx, reopened.conversation, facts.message);
  await record(reopened.ctx, 'message.created', { conversation, message: facts.message });
  await trackReplyTimes(reopened.ctx, conversation, facts.message);
  await touchContactActivity(reopened.ctx, contact, facts.message);
}
