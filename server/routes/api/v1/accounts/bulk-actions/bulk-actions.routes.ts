import { Type, type Static } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { CONVERSATION_STATUSES, type ConversationStatus } from '../../../../../../common/enums.js';
import { withTransaction, type Deps } from '../../../../../context.js';
import { BULK_UPDATE_CONVERSATIONS, type BulkUpdateConversationsPayload } from '../../../../../jobs/bulk-update-conversations.job.js';
import { HttpError, invalid, unauthorized } from '../../../../../lib/errors.js';
import { bulkContactAction } from '../../../../../operations/contacts/bulk-contact-action.js';
import { authorizeContact } from '../../../../../policies/contact.policy.js';
import { accountUserRepository } from '../../../../../repositories/account-user.repository.js';
import { teamRepository } from '../../../../../repositories/team.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Titles = Type.Array(Type.String({ maxLength: 255 }), { maxItems: 100 });
const NullableId = Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: 2_147_483_647 });
const BulkBody = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 50 })),
  ids: Type.Optional(Type.Array(Id, { maxItems: 10_000 })),
  action_name: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 50 })),
  labels: Type.Optional(Type.Object({ add: Type.Optional(Titles), remove: Type.Optional(Titles) })),
  /** Conversations: the columns to set on each. */
  fields: Type.Optional(Type.Object({
    status: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 20 })),
    assignee_id: Type.Optional(NullableId),
    team_id: Type.Optional(NullableId),
  })),
  /** Conversations: when a snooze ends, Unix seconds (a number or a string of digits). */
  snoozed_until: Type.Optional(Type.Unsafe<number | string | null>({ type: ['integer', 'string', 'null'], maxLength: 12 })),
});
type Body = Static<typeof BulkBody>;

/** Rails' `camelize` of the type name: `contact` and `Contact` both name contacts. */
function normalizedType(type: string | undefined): string {
  return (type ?? '').split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** Trimmed, non-blank titles, or undefined when there are none. */
function titles(list: string[] | undefined): string[] | undefined {
  const kept = (list ?? []).map((title) => title.trim()).filter((title) => title !== '');
  return kept.length > 0 ? kept : undefined;
}

/**
 * Checks a conversations bulk action and turns it into the job's payload: a known status,
 * an assignee who is a user of the account, a team of the account and a snooze time in
 * Unix seconds, or 422 naming the field. (Chatwoot queues whatever it is given and lets
 * the job fail; nothing here is queued unless all of it can be applied.)
 */
async function conversationPayload(request: FastifyRequest, deps: Deps, body: Body): Promise<BulkUpdateConversationsPayload> {
  const db = deps.db.kysely;
  const accountId = request.account.id;
  const fields = body.fields ?? {};
  if (request.actor.type !== 'User') {
    throw unauthorized();
  }
  const payload: BulkUpdateConversationsPayload = { accountId, userId: request.actor.id as number, displayIds: [...new Set(body.ids ?? [])] };
  if (fields.status !== undefined && fields.status !== null) {
    if (!(CONVERSATION_STATUSES as readonly string[]).includes(fields.status)) {
      throw invalid('fields.status', `is not one of ${CONVERSATION_STATUSES.join(', ')}`);
    }
    payload.status = fields.status as ConversationStatus;
  }
  if (fields.assignee_id !== undefined) {
    if (fields.assignee_id !== null && !(await accountUserRepository.find(db, accountId, fields.assignee_id))) {
      throw invalid('fields.assignee_id', 'is not an agent of the account');
    }
    payload.assigneeId = fields.assignee_id;
  }
  if (fields.team_id !== undefined) {
    if (fields.team_id !== null && !(await teamRepository.findById(db, accountId, fields.team_id))) {
      throw invalid('fields.team_id', 'is not a team of the account');
    }
    payload.teamId = fields.team_id;
  }
  if (body.snoozed_until !== undefined && body.snoozed_until !== null) {
    const seconds = Number(body.snoozed_until);
    if (!/^[0-9]{1,12}$/.test(String(body.snoozed_until)) || seconds <= 0) {
      throw invalid('snoozed_until', 'must be a time in Unix seconds');
    }
    payload.snoozedUntil = seconds * 1000;
  }
  const add = titles(body.labels?.add);
  const remove = titles(body.labels?.remove);
  if (add || remove) {
    payload.labels = { ...(add ? { add } : {}), ...(remove ? { remove } : {}) };
  }
  return payload;
}

/**
 * `POST /bulk_actions` (BulkActionsController).
 * - `type: "Conversation"`: `ids` are display ids; `fields` (status, assignee_id, team_id),
 *   `snoozed_until` and `labels: {add, remove}` are checked here (422 naming the field) and
 *   applied by a background job (BulkActionsJob) to the conversations the caller may see,
 *   each with its own events.
 * - `type: "Contact"`: `action_name: "delete"` (administrators only) or `labels: {add: […]}` /
 *   `{remove: […]}` on `ids`. Chatwoot queues a job; here the action runs in the request,
 *   in one transaction.
 * Both answer an empty 200; other types answer 422 `{"success": false}`.
 */
export const bulkActionRoutes: RoutePlugin = (app, deps) => {
  app.post('/', {
    preValidation: async (request) => {
      request.body ??= {};
    },
    schema: { tags: ['Bulk actions'], params: Type.Object({ account_id: Id }), body: BulkBody, response: { 200: Type.Null({ description: 'Empty body' }) } },
  }, async (request, reply) => {
    const body = request.body;
    const type = normalizedType(body.type);
    if (type === 'Conversation') {
      const payload = await conversationPayload(request, deps, body);
      await deps.jobs.enqueue(BULK_UPDATE_CONVERSATIONS, payload as unknown as Record<string, unknown>);
      return reply.code(200).send(undefined as never);
    }
    if (type !== 'Contact') {
      throw new HttpError(422, { success: false });
    }
    authorizeContact(request.actor, body.action_name === 'delete' ? 'delete' : 'update');
    await withTransaction(deps, (tx) => bulkContactAction(ctxOf(request, deps, tx), { ids: body.ids ?? [], action_name: body.action_name, labels: body.labels }));
    return reply.code(200).send(undefined as never);
  });
};
