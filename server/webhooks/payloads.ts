import { SYSTEM } from '../context.js';
import type { Executor } from '../db/dialect.js';
import type { AccountRow, ConversationRow, InboxRow } from '../db/schema.js';
import type { Env } from '../env.js';
import type { DomainEvent } from '../events/catalog.js';
import { loadConversationViews } from '../finders/conversation-views.finder.js';
import { conversationPushView, messageView } from '../finders/event-views.finder.js';
import { presentConversationWebhook } from '../presenters/conversation-webhook.presenter.js';
import { presentInboxWebhook } from '../presenters/inbox-webhook.presenter.js';
import { isWebhookSendable, presentMessageWebhook } from '../presenters/message-webhook.presenter.js';
import {
  presentAgentBotWebhook, presentChangedAttributes, presentNamed, presentContactWebhook, presentUserWebhook, type WebhookJson,
} from '../presenters/webhook-common.presenter.js';
import { accountRepository } from '../repositories/account.repository.js';
import { agentBotRepository } from '../repositories/agent-bot.repository.js';
import { channelApiRepository } from '../repositories/channel-api.repository.js';
import { channelWebWidgetRepository } from '../repositories/channel-web-widget.repository.js';
import { contactRepository } from '../repositories/contact.repository.js';
import { conversationRepository } from '../repositories/conversation.repository.js';
import { inboxRepository } from '../repositories/inbox.repository.js';
import { workingHourRepository } from '../repositories/working-hour.repository.js';
import { userRepository } from '../repositories/user.repository.js';

/** A conversation with what its webhook shapes need, read as it is now. */
export interface ConversationSubject {
  account: AccountRow;
  inbox: InboxRow;
  conversation: ConversationRow;
  data: WebhookJson;
}

/** Loads the event's conversation and its webhook data; null when it is gone. */
export async function loadConversationSubject(db: Executor, event: DomainEvent): Promise<ConversationSubject | null> {
  if (event.accountId === null || !event.conversationId) {
    return null;
  }
  const view = await conversationPushView(db, event.accountId, event.conversationId);
  const account = view && await accountRepository.findById(db, event.accountId);
  const inbox = view && account && (await inboxRepository.findById(db, event.accountId, view.conversation.inbox_id));
  if (!view || !account || !inbox) {
    return null;
  }
  return { account, inbox, conversation: view.conversation, data: presentConversationWebhook(view, account) };
}

/** `conversation webhook data + event (+ changed_attributes)` for conversation events. */
export function conversationPayload(subject: ConversationSubject, eventName: string, event: DomainEvent, withChanges: boolean): WebhookJson {
  return { ...subject.data, event: eventName, ...(withChanges ? { changed_attributes: presentChangedAttributes(event.changes) } : {}) };
}

/** The message webhook data + event, or null when the message is gone or is not sent to webhooks (activity). */
export async function messagePayload(db: Executor, env: Env, event: DomainEvent, eventName: string): Promise<{ subject: ConversationSubject; body: WebhookJson } | null> {
  const subject = await loadConversationSubject(db, event);
  if (!subject || !event.messageId) {
    return null;
  }
  const view = await messageView(db, subject.account.id, event.messageId);
  if (!view || !isWebhookSendable(view.message.message_type)) {
    return null;
  }
  const body = presentMessageWebhook(view, {
    account: subject.account, inbox: subject.inbox, conversation: subject.data,
    frontendUrl: env.frontendUrl, conversationUuid: subject.conversation.uuid,
  });
  return { subject, body: { ...body, event: eventName } };
}

/** The contact webhook data + event (+ changed_attributes), or null when the contact is gone. */
export async function contactPayload(db: Executor, event: DomainEvent, eventName: string, withChanges: boolean): Promise<WebhookJson | null> {
  if (event.accountId === null || !event.contactId) {
    return null;
  }
  const [contact, account] = await Promise.all([
    contactRepository.findById(db, event.accountId, event.contactId),
    accountRepository.findById(db, event.accountId),
  ]);
  if (!contact || !account) {
    return null;
  }
  return {
    ...presentContactWebhook(contact, account), event: eventName,
    ...(withChanges ? { changed_attributes: presentChangedAttributes(event.changes) } : {}),
  };
}

/** `{event, user, conversation, is_private}` for typing events; the typer is the event's user or actor. */
export async function typingPayload(db: Executor, event: DomainEvent, eventName: string): Promise<{ subject: ConversationSubject; body: WebhookJson } | null> {
  const subject = await loadConversationSubject(db, event);
  if (!subject) {
    return null;
  }
  const botId = event.actor?.type === 'AgentBot' ? event.actor.id : null;
  const userId = event.userId ?? (event.actor?.type === 'User' ? event.actor.id : null);
  const bot = botId !== null ? await agentBotRepository.findById(db, botId) : undefined;
  const user = !bot && userId !== null ? await userRepository.findById(db, userId) : undefined;
  return {
    subject,
    body: {
      event: eventName,
      user: bot ? presentAgentBotWebhook(bot) : user ? presentUserWebhook(user) : null,
      conversation: subject.data,
      is_private: event.data?.is_private === true,
    },
  };
}

/** The inbox webhook data + event (+ changed_attributes), or null when the inbox is gone. */
export async function inboxPayload(db: Executor, event: DomainEvent, eventName: string, withChanges: boolean): Promise<WebhookJson | null> {
  if (event.accountId === null || !event.inboxId) {
    return null;
  }
  const [inbox, account] = await Promise.all([
    inboxRepository.findById(db, event.accountId, event.inboxId),
    accountRepository.findById(db, event.accountId),
  ]);
  if (!inbox || !account) {
    return null;
  }
  const channel = inbox.channel_type === 'Channel::Api' ? await channelApiRepository.findById(db, inbox.account_id, inbox.channel_id)
    : inbox.channel_type === 'Channel::WebWidget' ? await channelWebWidgetRepository.findById(db, inbox.account_id, inbox.channel_id) : undefined;
  return {
    ...presentInboxWebhook(inbox, channel ?? null, await workingHourRepository.listByInbox(db, inbox.account_id, inbox.id), account), event: eventName,
    ...(withChanges ? { changed_attributes: presentChangedAttributes(event.changes) } : {}),
  };
}

/**
 * `webwidget_triggered` (ContactInbox#webhook_data + event + event_info): the widget's
 * session with its contact, inbox, account and latest conversation; null when gone.
 */
export async function webwidgetTriggeredPayload(db: Executor, event: DomainEvent, eventName: string): Promise<WebhookJson | null> {
  if (event.accountId === null || !event.contactInboxId) {
    return null;
  }
  const contactInbox = await db.selectFrom('contact_inboxes').selectAll().where('id', '=', event.contactInboxId).executeTakeFirst();
  const account = await accountRepository.findById(db, event.accountId);
  const inbox = contactInbox && (await inboxRepository.findById(db, event.accountId, contactInbox.inbox_id));
  const contact = contactInbox && (await contactRepository.findById(db, event.accountId, contactInbox.contact_id));
  if (!contactInbox || !account || !inbox || !contact) {
    return null;
  }
  const last = await db.selectFrom('conversations').selectAll().where('account_id', '=', account.id)
    .where('contact_inbox_id', '=', contactInbox.id).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const [view] = last ? await loadConversationViews(db, SYSTEM, account.id, [last], { push: true }) : [];
  return {
    id: contactInbox.id,
    contact: presentContactWebhook(contact, account),
    inbox: presentNamed(inbox),
    account: presentNamed(account),
    current_conversation: view ? presentConversationWebhook(view, account) : null,
    source_id: contactInbox.source_id,
    event: eventName,
    event_info: event.data?.event_info ?? {},
  };
}
