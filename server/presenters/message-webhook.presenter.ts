import { CONTENT_TYPES, enumName, MESSAGE_TYPES } from '../../common/enums.js';
import type { AccountRow, InboxRow } from '../db/schema.js';
import { toIso } from '../lib/clock.js';
import { presentAttachment } from './attachment.presenter.js';
import type { MessageView } from './message.presenter.js';
import {
  normalizeWebhookContent, presentAgentBotWebhook, presentContactWebhook, presentNamed, presentUserWebhook, type WebhookJson,
} from './webhook-common.presenter.js';

const INPUT_CSAT = CONTENT_TYPES.indexOf('input_csat');
/** Kinds of message sent to webhooks (Message#webhook_sendable?): incoming, outgoing, template. */
const SENDABLE_TYPES: ReadonlySet<number> = new Set([0, 1, 3]);

/** True for messages webhooks receive: incoming, outgoing and template; private notes included, activity not. */
export function isWebhookSendable(messageType: number): boolean {
  return SENDABLE_TYPES.has(messageType);
}

/** What the message webhook shape embeds besides the message. */
export interface MessageWebhookContext {
  account: AccountRow;
  inbox: InboxRow;
  /** The conversation's webhook data (conversation-webhook.presenter.ts). */
  conversation: WebhookJson;
  /** FRONTEND_URL, for the CSAT survey link. */
  frontendUrl: string;
  conversationUuid: string;
}

/** MessageContentPresenter#webhook_content: a CSAT question outside the web widget carries the survey link. */
function webhookContent(view: MessageView, context: MessageWebhookContext): string | null {
  const m = view.message;
  if (m.content_type === INPUT_CSAT && context.inbox.channel_type !== 'Channel::WebWidget') {
    const link = `${context.frontendUrl}/survey/responses/${context.conversationUuid}`;
    const custom = context.inbox.csat_config?.message;
    return typeof custom === 'string' && custom.trim() !== '' ? `${custom} ${link}` : `Please rate this conversation, ${link}`;
  }
  return normalizeWebhookContent(m.content);
}

function senderWebhook(view: MessageView, account: AccountRow): WebhookJson | null {
  const sender = view.sender;
  if (!sender) {
    return null;
  }
  switch (sender.type) {
    case 'User':
      return presentUserWebhook(sender.user);
    case 'Contact':
      return presentContactWebhook(sender.contact, account);
    case 'AgentBot':
      return presentAgentBotWebhook(sender.bot);
  }
}

/** Message#webhook_data: message_type a string, created_at ISO, no status; attachments only when present. */
export function presentMessageWebhook(view: MessageView, context: MessageWebhookContext): WebhookJson {
  const m = view.message;
  return {
    account: presentNamed(context.account),
    additional_attributes: m.additional_attributes,
    content_attributes: m.content_attributes,
    content_type: enumName(CONTENT_TYPES, m.content_type) ?? 'text',
    content: webhookContent(view, context),
    conversation: context.conversation,
    created_at: toIso(m.created_at),
    id: m.id,
    inbox: presentNamed(context.inbox),
    message_type: enumName(MESSAGE_TYPES, m.message_type) ?? 'incoming',
    private: m.private,
    sender: senderWebhook(view, context.account),
    source_id: m.source_id,
    ...(view.attachments.length > 0 ? { attachments: view.attachments.map((a) => presentAttachment(a)) } : {}),
  };
}
