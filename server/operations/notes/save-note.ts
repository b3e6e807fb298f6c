import type { Ctx } from '../../context.js';
import type { ContactRow, NoteRow } from '../../db/schema.js';
import { invalid } from '../../lib/errors.js';
import { noteRepository } from '../../repositories/note.repository.js';

/** Longest note accepted (Chatwoot's text column has none; ours keeps requests bounded). */
export const MAX_NOTE_LENGTH = 100_000;

function checkedContent(content: string | null | undefined): string {
  if (content === null || content === undefined || content.trim() === '') {
    throw invalid('content', "can't be blank");
  }
  if (content.length > MAX_NOTE_LENGTH) {
    throw invalid('content', `is too long (maximum is ${MAX_NOTE_LENGTH} characters)`);
  }
  return content;
}

/** Adds a note to the contact, written by the calling user (Chatwoot's notes#create). */
export function createNote(ctx: Ctx, contact: ContactRow, content: string | null | undefined): Promise<NoteRow> {
  return noteRepository.insert(ctx.db, {
    account_id: ctx.accountId, contact_id: contact.id, user_id: ctx.actor.type === 'User' ? ctx.actor.id : null, content: checkedContent(content),
  });
}

/** Changes a note's content (notes#update); blank content is refused with 422. */
export function updateNote(ctx: Ctx, note: NoteRow, content: string | null | undefined): Promise<NoteRow> {
  return noteRepository.update(ctx.db, ctx.accountId, note.id, checkedContent(content));
}

/** Deletes a note (notes#destroy). */
export function deleteNote(ctx: Ctx, note: NoteRow): Promise<void> {
  return noteRepository.remove(ctx.db, ctx.accountId, note.id);
}
