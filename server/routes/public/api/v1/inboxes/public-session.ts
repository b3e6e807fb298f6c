import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, Ctx, Deps } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { ContactInboxRow, ContactRow, ConversationRow } from '../../../../../db/schema.js';
import { findPublicConversation, findPublicInbox, type PublicInbox } from '../../../../../finders/public-conversations.finder.js';
import { HttpError } from '../../../../../lib/errors.js';
import { contactInboxRepository } from '../../../../../repositories/contact-inbox.repository.js';
import { contactRepository } from '../../../../../repositories/contact.repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API inbox addressed by `:inbox_identifier` (Client API routes only). */
    publicInbox: PublicInbox;
  }
}

/** Rails' default 404 body: the Client API's errors do not go through Chatwoot's JSON handler. */
export const RAILS_NOT_FOUND = { status: 404, error: 'Not Found' };
const NOT_FOUND = new HttpError(404, RAILS_NOT_FOUND);
const MAX_ID = 2_147_483_647;

/** A 404 in the Client API's words. */
export function publicNotFound(): HttpError {
  return NOT_FOUND;
}

/** onRequest hook: loads the API inbox by its channel identifier, 404 when there is none. */
export function loadPublicInbox(deps: Deps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const identifier = (request.params as { inbox_identifier?: string }).inbox_identifier ?? '';
    const found = identifier.length > 0 && identifier.length <= 255 ? await findPublicInbox(deps.db.kysely, identifier) : undefined;
    if (!found) {
      throw NOT_FOUND;
    }
    request.publicInbox = found;
    // Shared upload code stores files under the request's account.
    request.account = found.account;
  };
}

/**
 * The scope's error handler: any 404 answers Rails' `{"status":404,"error":"Not Found"}`;
 * every other error goes on to the app's handler.
 */
export function publicErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpError && error.statusCode === 404) {
    return reply.code(404).send(RAILS_NOT_FOUND);
  }
  throw error;
}

/** preValidation hook: a POST sent without a body validates as `{}` (shared by every route file). */
export { emptyBodyAsObject } from '../../../../wrapped-body.js';

/** An operation context in the inbox's account, acting as the contact with this id (or as the given actor). */
export function publicCtx(request: FastifyRequest, deps: Deps, db: Executor, contact: number | Actor): Ctx {
  const actor: Actor = typeof contact === 'number' ? { type: 'Contact', id: contact } : contact;
  return { db, actor, accountId: request.publicInbox.account.id, env: deps.env };
}

/** A Client API session: the contact inbox and its contact. */
export interface Session {
  contactInbox: ContactInboxRow;
  contact: ContactRow;
}

/** Loaded once per request: the upload hook checks access before the handler runs. */
const sessions = new WeakMap<FastifyRequest, Session>();
const conversations = new WeakMap<FastifyRequest, ConversationRow>();

/**
 * The session (contact inbox) addressed by `:contact_identifier` (its source_id) in this
 * inbox, with its contact, as loaded at the start of the request; 404 otherwise.
 */
export async function sessionOf(request: FastifyRequest, db: Executor): Promise<Session> {
  const cached = sessions.get(request);
  if (cached) {
    return cached;
  }
  const sourceId = (request.params as { contact_identifier?: string }).contact_identifier ?? '';
  const { inbox, account } = request.publicInbox;
  const contactInbox = sourceId ? await contactInboxRepository.findBySource(db, inbox.id, sourceId) : undefined;
  const contact = contactInbox ? await contactRepository.findById(db, account.id, contactInbox.contact_id) : undefined;
  if (!contactInbox || !contact) {
    throw NOT_FOUND;
  }
  sessions.set(request, { contactInbox, contact });
  return { contactInbox, contact };
}

/** A positive database id from a path segment; anything else finds nothing (404), as Rails' find_by!. */
export function pathId(value: string | number | undefined): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0 || id > MAX_ID || !/^\d+$/.test(String(value))) {
    throw NOT_FOUND;
  }
  return id;
}

/** The conversation `:conversation_id` (display_id) of the session, when it may see it; 404 otherwise. */
export async function publicConversationOf(request: FastifyRequest, db: Executor, contactInbox: ContactInboxRow): Promise<ConversationRow> {
  const cached = conversations.get(request);
  if (cached) {
    return cached;
  }
  const displayId = pathId((request.params as { conversation_id?: string }).conversation_id);
  const conversation = await findPublicConversation(db, contactInbox, request.publicInbox.account.id, displayId);
  if (!conversation) {
    throw NOT_FOUND;
  }
  conversations.set(request, conversation);
  return conversation;
}
