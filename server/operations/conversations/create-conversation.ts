import { CONVERSATION_STATUSES, enumValue, type ConversationStatus } from '../../../common/enums.js';
import { eventActor, type Ctx } from '../../context.js';
import type { ContactInboxRow, ConversationRow } from '../../db/schema.js';
import { recordEvent } from '../../events/outbox.js';
import { now } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { uuid } from '../../lib/tokens.js';
import { accountRepository } from '../../repositories/account.repository.js';
import { accountUserRepository } from '../../repositories/account-user.repository.js';
import { conversationRepository } from '../../repositories/conversation.repository.js';
import { teamRepository } from '../../repositories/team.repository.js';
import { createContactInbox } from '../contact-inboxes/create-contact-inbox.js';
import { createMessage } from '../messages/create-message.js';
import { STATUS } from './change-conversation-status.js';
import { checkConversationAttributes } from './check-conversation-attributes.js';
import type { ConversationTarget } from './resolve-conversation-target.js';

type Json = Record<string, unknown>;

export interface CreateConversationInput {
  /** Inbox, contact and contact inbox, resolved and authorized by the caller. */
  target: ConversationTarget;
  /** Marks a contact inbox created here as HMAC-verified. */
  hmacVerified: boolean;
  /** Wanted status; a blocked contact or an active inbox bot overrides it. */
  status?: ConversationStatus;
  assigneeId?: number | null;
  teamId?: number | null;
  /** Epoch ms; kept only when the conversation starts snoozed. */
  snoozedUntil?: number | null;
  additionalAttributes?: Json;
  customAttributes?: Json;
  /** A first outgoing message from the caller. */
  message?: { content: string | null; templateParams: Json | null };
}

/** Initial status (Conversation#determine_conversation_status). */
async function initialStatus(ctx: Ctx, input: CreateConversationInput): Promise<number> {
  if (input.target.contact.blocked) {
    return STATUS.resolved;
  }
  if (await conversationRepository.inboxHasActiveBot(ctx.db, ctx.accountId, input.target.inbox.id)) {
    return STATUS.pending;
  }
  return input.status ? enumValue(CONVERSATION_STATUSES, input.status) : STATUS.open;
}

/** The assignee and team ids to store: both must be of the account (404), and an assignee outside the team is dropped. */
async function assignmentOf(ctx: Ctx, input: CreateConversationInput): Promise<{ assigneeId: number | null; teamId: number | null }> {
  const assigneeId = input.assigneeId ?? null;
  const teamId = input.teamId ?? null;
  if (assigneeId !== null && !(await accountUserRepository.find(ctx.db, ctx.accountId, assigneeId))) {
    throw notFound();
  }
  if (teamId !== null && !(await teamRepository.findById(ctx.db, ctx.accountId, teamId))) {
    throw notFound();
  }
  const keep = assigneeId !== null && (teamId === null || (await teamRepository.isMember(ctx.db, teamId, assigneeId)));
  return { assigneeId: keep ? assigneeId : null, teamId };
}

async function insertConversation(ctx: Ctx, contactInbox: ContactInboxRow, input: CreateConversationInput): Promise<ConversationRow> {
  const status = await initialStatus(ctx, input);
  const { assigneeId, teamId } = await assignmentOf(ctx, input);
  const displayId = await accountRepository.nextConversationDisplayId(ctx.db, ctx.accountId);
  const at = now();
  const conversation = await conversationRepository.insert(ctx.db, {
    account_id: ctx.accountId, inbox_id: input.target.inbox.id, display_id: displayId, uuid: uuid(), status, priority: null,
    assignee_id: assigneeId, assignee_agent_bot_id: null, team_id: teamId, contact_id: input.target.contact.id,
    contact_inbox_id: contactInbox.id, campaign_id: null, identifier: null,
    additional_attributes: input.additionalAttributes ?? {}, custom_attributes: input.customAttributes ?? {},
    cached_label_list: '', contact_last_seen_at: null, agent_last_seen_at: null, assignee_last_seen_at: null,
    last_activity_at: at, waiting_since: at, first_reply_created_at: null,
    snoozed_until: status === STATUS.snoozed ? input.snoozedUntil ?? null : null, muted: false, sla_policy_id: null,
    created_at: at, updated_at: at,
  });
  const base = { accountId: ctx.accountId, actor: eventActor(ctx.actor), conversationId: conversation.id, inboxId: conversation.inbox_id };
  await recordEvent(ctx.db, { ...base, name: 'conversation.created' });
  if (assigneeId !== null) {
    await recordEvent(ctx.db, { ...base, name: 'assignee.changed', changes: { assignee_id: [null, assigneeId] } });
  }
  if (teamId !== null) {
    await recordEvent(ctx.db, { ...base, name: 'team.changed', changes: { team_id: [null, teamId] } });
  }
  return conversation;
}

/**
 * Creates a conversation (ConversationBuilder + Conversation callbacks): the contact
 * inbox when there is none yet, a display_id from the account's counter, the initial
 * status, waiting_since and last_activity_at at creation; records conversation.created
 * (+ assignee.changed / team.changed). An inbox locked to a single conversation gets the
 * contact inbox's latest conversation back instead. A given message is then created in it.
 */
export async function createConversation(ctx: Ctx, input: CreateConversationInput): Promise<ConversationRow> {
  checkConversationAttributes('additional_attributes', input.additionalAttributes ?? {});
  checkConversationAttributes('custom_attributes', input.customAttributes ?? {});
  const { target } = input;
  const contactInbox = target.contactInbox
    ?? await createContactInbox(ctx, { contact: target.contact, inbox: target.inbox, sourceId: target.sourceId, hmacVerified: input.hmacVerified });
  const existing = target.inbox.lock_to_single_conversation
    ? await conversationRepository.findLastByContactInbox(ctx.db, ctx.accountId, contactInbox.id)
    : undefined;
  const conversation = existing ?? await insertConversation(ctx, contactInbox, input);
  if (!input.message) {
    return conversation;
  }
  await createMessage(ctx, conversation, {
    content: input.message.content, messageType: 'outgoing', private: false, contentType: 'text', contentAttributes: {},
    echoId: null, sourceId: null, externalCreatedAt: null, campaignId: null, templateParams: input.message.templateParams,
    senderBotId: null, isVoiceMessage: false, uploads: [],
  });
  return (await conversationRepository.findById(ctx.db, ctx.accountId, conversation.id)) as ConversationRow;
}
