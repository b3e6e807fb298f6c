import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { withTransaction } from '../../../../../context.js';
import type { Executor } from '../../../../../db/dialect.js';
import type { AccountUserRow, NoteRow } from '../../../../../db/schema.js';
import { orNotFound } from '../../../../../lib/errors.js';
import { createNote, deleteNote, updateNote, MAX_NOTE_LENGTH } from '../../../../../operations/notes/save-note.js';
import { authorizeContact } from '../../../../../policies/contact.policy.js';
import { NoteJson, presentNote } from '../../../../../presenters/note.presenter.js';
import { accountUserRepository } from '../../../../../repositories/account-user.repository.js';
import { noteRepository } from '../../../../../repositories/note.repository.js';
import { userRepository } from '../../../../../repositories/user.repository.js';
import { ctxOf, type RoutePlugin } from '../../../../types.js';
import { unwrapBody } from '../../../../wrapped-body.js';
import { loadContact } from './contact-loader.js';
import { EmptyResponse } from './contacts.schemas.js';

const tags = ['Contact notes'];
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const NotesParams = Type.Object({ account_id: Id, contact_id: Id });
const NoteParams = Type.Object({ account_id: Id, contact_id: Id, id: Id });
const Content = Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: MAX_NOTE_LENGTH }));
/** Chatwoot reads `note[content]`; a top-level `content` is taken too (unwrapBody). */
const NoteBody = Type.Object({ content: Content });
/** An empty body reaches the handler as `{}`, so a missing content answers 422 naming it. */
const bodyHooks = [async (request: FastifyRequest) => {
  request.body ??= {};
}, unwrapBody('note')];

/** The notes presented with their authors, loaded in two queries. */
async function presentNotes(db: Executor, accountId: number, notes: NoteRow[]) {
  const userIds = [...new Set(notes.flatMap((note) => (note.user_id === null ? [] : [note.user_id])))];
  const users = new Map((await userRepository.findByIds(db, userIds)).map((user) => [user.id, user]));
  const memberships = new Map<number, AccountUserRow>((await accountUserRepository.findMany(db, accountId, userIds)).map((m) => [m.user_id, m]));
  return notes.map((note) => {
    const user = note.user_id === null ? undefined : users.get(note.user_id);
    const membership = note.user_id === null ? undefined : memberships.get(note.user_id);
    return presentNote(note, user && membership ? { user, membership } : null);
  });
}

async function loadNote(db: Executor, accountId: number, contactId: number, id: number): Promise<NoteRow> {
  return orNotFound(await noteRepository.findForContact(db, accountId, contactId, id));
}

/** `/contacts/:contact_id/notes`: list, show, create, update, delete (any member of the account). */
export const contactNoteRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;

  app.get('/', { schema: { tags, params: NotesParams, response: { 200: Type.Array(NoteJson) } } }, async (request) => {
    authorizeContact(request.actor, 'show');
    const contact = await loadContact(db, request.account.id, request.params.contact_id);
    return presentNotes(db, request.account.id, await noteRepository.listForContact(db, request.account.id, contact.id));
  });

  app.get('/:id', { schema: { tags, params: NoteParams, response: { 200: NoteJson } } }, async (request) => {
    authorizeContact(request.actor, 'show');
    const contact = await loadContact(db, request.account.id, request.params.contact_id);
    const [note] = await presentNotes(db, request.account.id, [await loadNote(db, request.account.id, contact.id, request.params.id)]);
    return note;
  });

  app.post('/', { preValidation: bodyHooks, schema: { tags, params: NotesParams, body: NoteBody, response: { 200: NoteJson } } }, async (request) => {
    authorizeContact(request.actor, 'show');
    const note = await withTransaction(deps, async (tx) => createNote(ctxOf(request, deps, tx),
      await loadContact(tx, request.account.id, request.params.contact_id), request.body.content));
    return (await presentNotes(db, request.account.id, [note]))[0];
  });

  app.route({
    method: ['PATCH', 'PUT'],
    url: '/:id',
    preValidation: bodyHooks,
    schema: { tags, params: NoteParams, body: NoteBody, response: { 200: NoteJson } },
    handler: async (request) => {
      authorizeContact(request.actor, 'show');
      const note = await withTransaction(deps, async (tx) => {
        const contact = await loadContact(tx, request.account.id, request.params.contact_id);
        return updateNote(ctxOf(request, deps, tx), await loadNote(tx, request.account.id, contact.id, request.params.id),
          request.body.content);
      });
      return (await presentNotes(db, request.account.id, [note]))[0];
    },
  });

  app.delete('/:id', { schema: { tags, params: NoteParams, response: EmptyResponse } }, async (request, reply) => {
    authorizeContact(request.actor, 'show');
    await withTransaction(deps, async (tx) => {
      const contact = await loadContact(tx, request.account.id, request.params.contact_id);
      await deleteNote(ctxOf(request, deps, tx), await loadNote(tx, request.account.id, contact.id, request.params.id));
    });
    return reply.code(200).send(undefined as never);
  });
};
