import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../context.js';
import type { Executor } from '../db/dialect.js';
import type { ConversationRow, Database } from '../db/schema.js';
import { unauthorized } from '../lib/errors.js';
import { conversationParticipantRepository } from '../repositories/conversation-participant.repository.js';
import { inboxMemberRepository } from '../repositories/inbox-member.repository.js';
import { teamRepository } from '../repositories/team.repository.js';
import { can } from './permissions.js';

/** What the policy needs to know about the actor and one conversation, loaded by `loadConversationAccess`. */
export interface ConversationAccess {
  /** The actor is a member of the conversation's inbox. */
  inboxMember: boolean;
  /** The actor is a member of the conversation's team. */
  teamMember: boolean;
  /** The actor is one of the conversation's participants (loaded only for custom roles that ask). */
  participant?: boolean;
}

/**
 * Within the inboxes and teams an agent reaches, which conversations a custom role lets
 * them handle (Chatwoot enterprise ConversationPolicy): all of them with
 * `conversation_manage`; unassigned ones and their own with `conversation_unassigned_manage`;
 * their own and those they take part in with `conversation_participating_manage`.
 */
function customRoleAllows(actor: Actor, conversation: ConversationRow, access: ConversationAccess): boolean {
  if (!can(actor, 'custom_role') || can(actor, 'conversation_manage')) {
    return true;
  }
  const mine = conversation.assignee_id === actor.id;
  if (can(actor, 'conversation_unassigned_manage') && (conversation.assignee_id === null || mine)) {
    return true;
  }
  return can(actor, 'conversation_participating_manage') && (mine || access.participant === true);
}

/**
 * What the actor may do with a conversation (Chatwoot's ConversationPolicy): administrators
 * and agent bots everything but delete for bots; agents what their inboxes or teams give
 * them, narrowed by their custom role when they have one.
 */
export function conversationAbilities(actor: Actor, conversation: ConversationRow, access: ConversationAccess) {
  const admin = can(actor, 'administrator');
  const reachable = can(actor, 'member') && (access.inboxMember || access.teamMember);
  const read = admin || actor.type === 'AgentBot' || (reachable && customRoleAllows(actor, conversation, access));
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
  if (actor.type !== 'User' || can(actor, 'administrator')) {
    return { inboxMember: false, teamMember: false };
  }
  const [inboxMember, teamMember, participant] = await Promise.all([
    mayUseInbox(db, actor, conversation.inbox_id),
    conversation.team_id === null ? false : teamRepository.isMember(db, conversation.team_id, actor.id),
    can(actor, 'conversation_participating_manage')
      ? conversationParticipantRepository.isParticipant(db, conversation.account_id, conversation.id, actor.id)
      : false,
  ]);
  return { inboxMember, teamMember, participant };
}

/** True when the actor may work in the inbox (Chatwoot's InboxPolicy#show?): administrators and bots always, agents as members. */
export async function mayUseInbox(db: Executor, actor: Actor, inboxId: number): Promise<boolean> {
  if (actor.type === 'AgentBot' || can(actor, 'administrator')) {
    return true;
  }
  if (actor.type !== 'User' || !can(actor, 'member')) {
    return false;
  }
  return inboxMemberRepository.isMember(db, inboxId, actor.id);
}

/**
 * Narrows a conversations query to what the actor may list (Chatwoot's
 * PermissionFilterService): administrators and bots see the whole account, agents
 * the conversations of inboxes they are members of, custom roles a part of those
 * (all with conversation_manage; unassigned and their own with
 * conversation_unassigned_manage; their own with conversation_participating_manage),
 * anyone else nothing.
 */
export function visibleConversations<O>(
  query: SelectQueryBuilder<Database, 'conversations', O>,
  actor: Actor,
): SelectQueryBuilder<Database, 'conversations', O> {
  if (actor.type === 'AgentBot' || can(actor, 'administrator')) {
    return query;
  }
  if (actor.type !== 'User' || !can(actor, 'member')) {
    return query.where(sql<SqlBool>`1 = 0`);
  }
  const inMemberInboxes = query.where('conversations.inbox_id', 'in',
    (eb) => eb.selectFrom('inbox_members').select('inbox_members.inbox_id').where('inbox_members.user_id', '=', actor.id));
  if (!can(actor, 'custom_role') || can(actor, 'conversation_manage')) {
    return inMemberInboxes;
  }
  if (can(actor, 'conversation_unassigned_manage')) {
    return inMemberInboxes.where((eb) => eb.or([eb('conversations.assignee_id', '=', actor.id), eb('conversations.assignee_id', 'is', null)]));
  }
  if (can(actor, 'conversation_participating_manage')) {
    return inMemberInboxes.where('conversations.assignee_id', '=', actor.id);
  }
  return query.where(sql<SqlBool>`1 = 0`);
}
