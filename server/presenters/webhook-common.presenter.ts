import type { AccountRow, AgentBotRow, ContactRow, InboxRow, UserRow } from '../db/schema.js';
import { contactBasics } from './contact.presenter.js';

/** A payload as it goes out: plain JSON, keys in Chatwoot's order. */
export type WebhookJson = Record<string, unknown>;

/** Account#webhook_data and Inbox#webhook_data: `{id, name}`. */
export function presentNamed(row: AccountRow | InboxRow): { id: number; name: string } {
  return { id: row.id, name: row.name };
}

/** Contact#webhook_data (no `type` key, unlike the push shape). */
export function presentContactWebhook(row: ContactRow, account: AccountRow): WebhookJson {
  // Chatwoot's key order: the body is sent as serialized here.
  const { additional_attributes, ...rest } = contactBasics(row);
  return { account: presentNamed(account), additional_attributes, avatar: row.avatar_url ?? '', ...rest };
}

/** User#webhook_data. */
export function presentUserWebhook(row: UserRow): WebhookJson {
  return { id: row.id, name: row.name, email: row.email, type: 'user' };
}

/** AgentBot#webhook_data. */
export function presentAgentBotWebhook(row: AgentBotRow): WebhookJson {
  return { id: row.id, name: row.name, type: 'agent_bot' };
}

/**
 * Messages::WebhookContentNormalizer: drops the backslash of markdown hard line breaks
 * and trailing newlines, which webhook consumers do not expect.
 */
export function normalizeWebhookContent(text: string | null): string | null {
  if (text === null || text.trim() === '') {
    return text;
  }
  return text.replace(/\\\r?\n/g, '\n').replace(/(\r?\n)+$/, '');
}

/** `{column: [before, after]}` as Chatwoot's `changed_attributes`: one single-key object per column. */
export function presentChangedAttributes(changes: Record<string, [unknown, unknown]> | undefined): WebhookJson[] | null {
  const entries = Object.entries(changes ?? {});
  if (entries.length === 0) {
    return null;
  }
  return entries.map(([key, [previous, current]]) => ({ [key]: { previous_value: previous ?? null, current_value: current ?? null } }));
}
