import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../../../../context.js';
import { withTransaction } from '../../../../../context.js';
import type { InboxRow } from '../../../../../db/schema.js';
import { notFound } from '../../../../../lib/errors.js';
import { addInboxMembers } from '../../../../../operations/inbox-members/add-inbox-members.js';
import { removeInboxMembers } from '../../../../../operations/inbox-members/remove-inbox-members.js';
import { replaceInboxMembers } from '../../../../../operations/inbox-members/replace-inbox-members.js';
import type { InboxAction } from '../../../../../policies/inbox.policy.js';
import { inboxMemberRepository } from '../../../../../repositories/inbox-member.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { presentAgentsByIds } from '../agents/load-agents.js';
import { loadInbox } from '../inboxes/load-inbox.js';
import {
  InboxMembersBody, InboxMembersDeleteResponse, InboxMembersParams, InboxMembersResponse, InboxMembersShowParams,
} from './inbox-members.schemas.js';

/** The inbox named by `inbox_id`, authorized for `action`; 404 when absent. */
async function inboxOf(deps: Deps, request: FastifyRequest, inboxId: number | null | undefined, action: InboxAction): Promise<InboxRow> {
  if (!inboxId) {
    throw notFound();
  }
  return loadInbox(deps.db.kysely, request.actor, request.account.id, inboxId, action);
}

/** The inbox's members as agents, in the order they were added. */
async function membersOf(deps: Deps, inbox: InboxRow) {
  const db = deps.db.kysely;
  return { payload: await presentAgentsByIds(db, inbox.account_id, await inboxMemberRepository.listUserIds(db, inbox.id)) };
}

/** Inbox members: list, add, replace the set, remove. */
export const inboxMemberRoutes: RoutePlugin = (app, deps) => {
  const tags = ['Inbox members'];
  const bodySchema = { tags, params: InboxMembersParams, body: InboxMembersBody };

  app.get('/:inbox_id', { schema: { tags, params: InboxMembersShowParams, response: InboxMembersResponse } }, async (request) => {
    return membersOf(deps, await inboxOf(deps, request, request.params.inbox_id, 'read'));
  });

  app.post('/', { schema: { ...bodySchema, response: InboxMembersResponse } }, async (request) => {
    const inbox = await inboxOf(deps, request, request.body.inbox_id, 'manageMembers');
    await withTransaction(deps, (tx) => addInboxMembers(ctxOf(request, deps, tx), inbox, request.body.user_ids));
    return membersOf(deps, inbox);
  });

  app.patch('/', { schema: { ...bodySchema, response: InboxMembersResponse } }, async (request) => {
    const inbox = await inboxOf(deps, request, request.body.inbox_id, 'manageMembers');
    await withTransaction(deps, (tx) => replaceInboxMembers(ctxOf(request, deps, tx), inbox, request.body.user_ids));
    return membersOf(deps, inbox);
  });

  app.delete('/', { schema: { ...bodySchema, response: InboxMembersDeleteResponse } }, async (request, reply) => {
    const inbox = await inboxOf(deps, request, request.body.inbox_id, 'manageMembers');
    await withTransaction(deps, (tx) => removeInboxMembers(ctxOf(request, deps, tx), inbox, request.body.user_ids));
    return reply.code(200).send(undefined as never);
  });
};
