import type { Executor } from '../../../../../db/dialect.js';
import type { Env } from '../../../../../env.js';
import { addInboxMember, buildAdmin, buildAgent, buildContact, buildContactInbox, buildInbox } from '../../../../../test/factories.js';

/** Keys of the REST conversation shape, in Chatwoot's order. */
export const CONVERSATION_KEYS = [
  'meta', 'id', 'messages', 'account_id', 'uuid', 'additional_attributes', 'agent_last_seen_at', 'assignee_last_seen_at',
  'can_reply', 'contact_last_seen_at', 'custom_attributes', 'inbox_id', 'labels', 'muted', 'snoozed_until', 'status',
  'created_at', 'updated_at', 'timestamp', 'first_reply_created_at', 'unread_count', 'last_non_activity_message',
  'last_activity_at', 'priority', 'waiting_since', 'sla_policy_id',
];

/** An account with an administrator, an agent who is a member of the inbox, a contact and its contact inbox. */
export async function buildDesk(db: Executor, env: Env) {
  const admin = await buildAdmin(db, env);
  const account = admin.account;
  const agent = await buildAgent(db, env, { account });
  const { inbox, channel } = await buildInbox(db, { account });
  await addInboxMember(db, inbox.id, agent.user.id);
  const contact = await buildContact(db, { account });
  const contactInbox = await buildContactInbox(db, { contact, inbox });
  return { account, admin, agent, inbox, channel, contact, contactInbox };
}

/** Base path of the account's conversations. */
export function conversationsPath(accountId: number): string {
  return `/api/v1/accounts/${accountId}/conversations`;
}
