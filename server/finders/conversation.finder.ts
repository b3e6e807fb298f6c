import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { CONVERSATION_STATUSES, enumValue } from '../../common/enums.js';
import type { Actor } from '../context.js';
import { containsIgnoringCase, type Executor } from '../db/dialect.js';
import type { ConversationRow, Database } from '../db/schema.js';
import { now } from '../lib/clock.js';
import { notFound } from '../lib/errors.js';
import { visibleConversations } from '../policies/conversation.policy.js';
import { teamRepository } from '../repositories/team.repository.js';

/** Conversations per page (Chatwoot's CONVERSATION_RESULTS_PER_PAGE default). */
export const CONVERSATIONS_PER_PAGE = 25;

export const CONVERSATION_SORTS = [
  'last_activity_at_desc', 'last_activity_at_asc', 'created_at_asc', 'created_at_desc', 'priority_asc', 'priority_desc',
  'waiting_since_asc', 'waiting_since_desc', 'priority_desc_created_at_asc', 'unread',
  'latest', 'sort_on_created_at', 'sort_on_priority', 'sort_on_waiting_since',
] as const;

/** The list filters of `GET /conversations` and `/conversations/meta` (ConversationFinder's params). */
export interface ConversationListParams {
  status?: 'open' | 'resolved' | 'pending' | 'snoozed' | 'all';
  assignee_type?: 'me' | 'unassigned' | 'assigned' | 'all';
  inbox_id?: number;
  team_id?: number;
  labels?: string[];
  q?: string;
  /** unattended: no first reply yet or waiting; mention: the caller was mentioned; participating: the caller participates. */
  conversation_type?: 'mention' | 'participating' | 'unattended';
  source_id?: string;
  sort_by?: (typeof CONVERSATION_SORTS)[number];
  page?: number;
  /** Seconds: only conversations updated that recently, and no paging. */
  updated_within?: number;
}

/** mine / assigned / unassigned / all counts over the filtered set (assignee_type not applied). */
export interface ConversationCounts {
  mine_count: number;
  assigned_count: number;
  unassigned_count: number;
  all_count: number;
}

type ConversationQuery = SelectQueryBuilder<Database, 'conversations', ConversationRow>;

/** The filtered set before the assignee filter, sorting and paging (ConversationFinder#set_up). */
async function filtered(db: Executor, actor: Actor, accountId: number, p: ConversationListParams): Promise<ConversationQuery> {
  let q = visibleConversations(db.selectFrom('conversations').selectAll('conversations').where('conversations.account_id', '=', accountId), actor);
  if (p.team_id !== undefined && !(await teamRepository.findById(db, accountId, p.team_id))) {
    throw notFound();
  }
  if (p.inbox_id !== undefined) {
    q = q.where('conversations.inbox_id', '=', p.inbox_id);
  }
  if (p.conversation_type === 'mention' || p.conversation_type === 'participating') {
    const me = actor.type === 'User' ? actor.id : -1;
    const table = p.conversation_type === 'mention' ? 'mentions' : 'conversation_participants';
    q = q.where('conversations.id', 'in', (eb) => eb.selectFrom(table).select(`${table}.conversation_id`)
      .where(`${table}.account_id`, '=', accountId).where(`${table}.user_id`, '=', me));
  }
  if (p.conversation_type === 'unattended') {
    q = q.where((eb) => eb.or([eb('conversations.first_reply_created_at', 'is', null), eb('conversations.waiting_since', 'is not', null)]));
  }
  if (p.q === undefined && p.status !== 'all') {
    q = q.where('conversations.status', '=', enumValue(CONVERSATION_STATUSES, p.status ?? 'open'));
  }
  if (p.team_id !== undefined) {
    q = q.where('conversations.team_id', '=', p.team_id);
  }
  if (p.labels && p.labels.length > 0) {
    const names = p.labels.map((l) => l.toLowerCase());
    q = q.where(({ exists, selectFrom }) => exists(selectFrom('taggings').innerJoin('tags', 'tags.id', 'taggings.tag_id').select('taggings.id')
      .whereRef('taggings.taggable_id', '=', 'conversations.id').where('taggings.taggable_type', '=', 'Conversation')
      .where('taggings.context', '=', 'labels').where((eb) => eb(eb.fn('lower', ['tags.name']), 'in', names))));
  }
  if (p.q !== undefined) {
    const needle = p.q;
    q = q.where(({ exists, selectFrom }) => exists(selectFrom('messages').select('messages.id')
      .whereRef('messages.conversation_id', '=', 'conversations.id').where('messages.account_id', '=', accountId)
      .where('messages.message_type', 'in', [0, 1]).where(containsIgnoringCase(db, sql.ref('messages.content'), needle))));
  }
  if (p.source_id !== undefined) {
    q = q.where('conversations.contact_inbox_id', 'in',
      (eb) => eb.selectFrom('contact_inboxes').select('contact_inboxes.id').where('contact_inboxes.source_id', '=', p.source_id as string));
  }
  return q;
}

/** Counts of the filtered set, in one SQL query. */
async function countsOf(query: ConversationQuery, actor: Actor): Promise<ConversationCounts> {
  const me = actor.type === 'User' ? actor.id : -1;
  const row = await query.clearSelect().select([
    sql<number>`coalesce(sum(case when conversations.assignee_id = ${me} then 1 else 0 end), 0)`.as('mine'),
    sql<number>`coalesce(sum(case when conversations.assignee_id is null then 1 else 0 end), 0)`.as('unassigned'),
    sql<number>`count(*)`.as('total'),
  ]).executeTakeFirstOrThrow();
  const [mine, unassigned, total] = [Number(row.mine), Number(row.unassigned), Number(row.total)];
  return { mine_count: mine, assigned_count: total - unassigned, unassigned_count: unassigned, all_count: total };
}

function byAssignee(query: ConversationQuery, actor: Actor, type: ConversationListParams['assignee_type']): ConversationQuery {
  switch (type) {
    case 'me':
      return query.where('conversations.assignee_id', '=', actor.type === 'User' ? actor.id : -1);
    case 'unassigned':
      return query.where('conversations.assignee_id', 'is', null);
    case 'assigned':
      return query.where('conversations.assignee_id', 'is not', null);
    default:
      return query;
  }
}

/** Chatwoot's SORT_OPTIONS, with the row id last so pages are stable. */
function sorted(query: ConversationQuery, sortBy: ConversationListParams['sort_by']): ConversationQuery {
  switch (sortBy) {
    case 'last_activity_at_asc':
      return query.orderBy('conversations.last_activity_at', 'asc').orderBy('conversations.id', 'asc');
    case 'created_at_asc': case 'sort_on_created_at':
      return query.orderBy('conversations.created_at', 'asc').orderBy('conversations.id', 'asc');
    case 'created_at_desc':
      return query.orderBy('conversations.created_at', 'desc').orderBy('conversations.id', 'desc');
    case 'priority_asc': case 'priority_desc': case 'sort_on_priority':
      return query.orderBy('conversations.priority', (ob) => (sortBy === 'priority_asc' ? ob.asc() : ob.desc()).nullsLast())
        .orderBy('conversations.last_activity_at', 'desc').orderBy('conversations.id', 'desc');
    case 'priority_desc_created_at_asc':
      return query.orderBy('conversations.priority', (ob) => ob.desc().nullsLast())
        .orderBy('conversations.created_at', 'asc').orderBy('conversations.id', 'asc');
    case 'waiting_since_asc': case 'waiting_since_desc': case 'sort_on_waiting_since':
      return query.orderBy(sql`(conversations.waiting_since is null)`)
        .orderBy('conversations.waiting_since', sortBy === 'waiting_since_desc' ? 'desc' : 'asc')
        .orderBy('conversations.created_at', 'asc').orderBy('conversations.id', 'asc');
    case 'unread':
      return query.orderBy(sql`(select count(*) from messages m where m.conversation_id = conversations.id
        and m.account_id = conversations.account_id and m.message_type = 0
        and (conversations.agent_last_seen_at is null or m.created_at > conversations.agent_last_seen_at))`, 'desc')
        .orderBy('conversations.last_activity_at', 'desc').orderBy('conversations.id', 'desc');
    default:
      return query.orderBy('conversations.last_activity_at', 'desc').orderBy('conversations.id', 'desc');
  }
}

/** Counts only (`GET /conversations/meta`). */
export async function countConversations(db: Executor, actor: Actor, accountId: number, params: ConversationListParams): Promise<ConversationCounts> {
  return countsOf(await filtered(db, actor, accountId, params), actor);
}

/** One page of conversations the actor may see, with the counts of the filtered set (ConversationFinder#perform). */
export async function findConversations(
  db: Executor, actor: Actor, accountId: number, params: ConversationListParams,
): Promise<{ conversations: ConversationRow[]; counts: ConversationCounts }> {
  const base = await filtered(db, actor, accountId, params);
  let query = sorted(byAssignee(base, actor, params.assignee_type), params.sort_by);
  if (params.updated_within !== undefined) {
    query = query.where('conversations.updated_at', '>', now() - params.updated_within * 1000);
  } else {
    query = query.limit(CONVERSATIONS_PER_PAGE).offset(((params.page ?? 1) - 1) * CONVERSATIONS_PER_PAGE);
  }
  const [counts, conversations] = await Promise.all([countsOf(base, actor), query.execute()]);
  return { conversations, counts };
}

/** How many of a contact's conversations `GET /contacts/:id/conversations` lists. */
export const CONTACT_CONVERSATIONS_LIMIT = 20;

/** The contact's latest 20 conversations the actor may see, latest activity first (`GET /contacts/:id/conversations`). */
export function findContactConversations(db: Executor, actor: Actor, accountId: number, contactId: number): Promise<ConversationRow[]> {
  return visibleConversations(db.selectFrom('conversations').selectAll('conversations')
    .where('conversations.account_id', '=', accountId).where('conversations.contact_id', '=', contactId), actor)
    .orderBy('conversations.last_activity_at', 'desc').orderBy('conversations.id', 'desc')
    .limit(CONTACT_CONVERSATIONS_LIMIT).execute();
}

/**
 * `POST /conversations/filter` (Conversations::FilterService): the conversations the
 * actor may see matching `where`, latest activity first, 25 a page, with the
 * mine / assigned / unassigned / all counts of the whole matching set.
 */
export async function filterConversations(
  db: Executor, actor: Actor, accountId: number, where: Expression<SqlBool>, page: number,
): Promise<{ conversations: ConversationRow[]; counts: ConversationCounts }> {
  const base = visibleConversations(db.selectFrom('conversations').selectAll('conversations').where('conversations.account_id', '=', accountId), actor)
    .where(where);
  const [counts, conversations] = await Promise.all([
    countsOf(base, actor),
    sorted(base, 'last_activity_at_desc').limit(CONVERSATIONS_PER_PAGE).offset((page - 1) * CONVERSATIONS_PER_PAGE).execute(),
  ]);
  return { conversations, counts };
}
