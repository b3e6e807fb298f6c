import type { AccountRow } from '../db/schema.js';
import { presentConversationPush } from './conversation-push.presenter.js';
import type { ConversationView } from './conversation-view.js';
import { normalizeWebhookContent, presentNamed, type WebhookJson } from './webhook-common.presenter.js';

/**
 * Conversation#webhook_data: the push shape with its message's text normalized for
 * integrations, then `account`. Keys keep the push order; `account` comes last.
 */
export function presentConversationWebhook(view: ConversationView, account: AccountRow): WebhookJson {
  const push = presentConversationPush(view);
  const messages = push.messages.map((m) => ({
    ...m,
    content: normalizeWebhookContent(m.content),
    processed_message_content: normalizeWebhookContent(m.processed_message_content),
  }));
  return { ...push, messages, account: presentNamed(account) };
}
