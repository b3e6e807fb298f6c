import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { isAdministrator, type Actor } from '../context.js';
import type { Executor } from '../db/dialect.js';
import type { ConversationRow, Database } from '../db/schema.js';
import { unauthorized } from '../lib/errors.js';
import { inboxMemberRepository } from '../repositories/inbox-member.repository.js';
import { teamRepository } from '../repositories/team.repository.js';

/** What the policy needs to know about the actor and one conversation, loaded by `loadConversationAccess`. */
export interface ConversationAccess {
  /** The actor is a member of the conversation's inbox. */
  inboxMember: boolean;
  /** The actor is a member of the conversation's team. */
  teamMember: boolean;
}

/**
 * What the actor may do with a conversation (Chatwoot's ConversationPolicy): administrators
 * and agent bots everything but delete for bots; agents what their inboxes or teams give them.
 */
export function conversationAbilities(actor: Actor, _conversation: ConversationRow, access: ConversationAccess) {
  const admin = isAdministrator(actor);
  const read = admin || actor.type === 'AgentBot' || (actor.type === 'User' && (access.inboxMember || access.teamMember));
  return { read, update: read, assign: read, destroy: admin };
}

/** Throws Chatwoot's 401 when the actor may not do `action` on the conversation. */
export function authorizeConversation(
  actor: Actor,
  action: keyof ReturnType<typeof conversationAbilities>,
  conversation: ConversationRow,
  access: ConversationAccess,
): void {
  if (!conversationAbilities(actor, conversation, access)[action]) {
    throw unauthorized();
  }
}

/** Loads the inbox and team membership facts the policy needs (none for administrators and bots). */
export async function loadConversationAccess(db: Executor, actor: Actor, conversation: ConversationRow): Promise<ConversationAccess> {
  if (actor.type !== 'User' || isAdministrator(actor)) {
    return { inboxMember: false, teamMember: false };
  }
  const [inboxMember, teamMember] = await Promise.all([
    mayUseInbox(db, actor, conversation.inbox_id),
    conversation.team_id === null ? false : teamRepository.isMember(db, conversation.team_id, actor.id),
  ]);
  return { inboxMember, teamMember };
}

/** True when the actor may work in the inbox (Chatwoot's InboxPolicy#show?): administrators and bots always, agents as members. */
export async function mayUseInbox(db: Executor, actor: Actor, inboxId: number): Promise<boolean> {
  if (actor.type === 'AgentBot' || isAdministrator(actor)) {
    return true;
  }
  if (actor.type !== 'User') {
    return false;
  }
  return inboxMemberRepository.isMember(db, inboxId, actor.id);
}

/**
 * Narrows a conversations query to what the actor may list (Chatwoot's
 * PermissionFilterService): administrators and bots see the whole account, agents
 * the conversations of inboxes they are members of, anyone else nothing.
 */
export function visibleConversations<O>(
  query: SelectQueryBuilder<Database, 'conversations', O>,
  actor: Actor,
): SelectQueryBuilder<Database, 'conversations', O> {
  if (actor.type === 'AgentBot' || isAdministrator(actor)) {
    return query;
  }
  if (actor.type !== 'User') {
    return query.where(sql<SqlBool>`1 = 0`);
  }
  return query.where('conversations.inbox_id', 'in',
    (eb) => eb.selectFrom('inbox_members').select('inbox_members.inbox_id').where('inbox_members.user_id', '=', actor.id));
}
