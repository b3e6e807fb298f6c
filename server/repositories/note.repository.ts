import type { Executor } from '../db/dialect.js';
import type { NoteRow } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Notes agents keep on contacts. */
export const noteRepository = {
  /** The contact's notes, newest first (Chatwoot's `latest` scope). */
  listForContact(db: Executor, accountId: number, contactId: number): Promise<NoteRow[]> {
    return db.selectFrom('notes').selectAll().where('account_id', '=', accountId).where('contact_id', '=', contactId)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  },

  findForContact(db: Executor, accountId: number, contactId: number, id: number): Promise<NoteRow | undefined> {
    return db.selectFrom('notes').selectAll().where('account_id', '=', accountId).where('contact_id', '=', contactId)
      .where('id', '=', id).executeTakeFirst();
  },

  insert(db: Executor, values: { account_id: number; contact_id: number; user_id: number | null; content: string }): Promise<NoteRow> {
    const at = now();
    return db.insertInto('notes').values({ ...values, created_at: at, updated_at: at }).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, accountId: number, id: number, content: string): Promise<NoteRow> {
    return db.updateTable('notes').set({ content, updated_at: now() }).where('account_id', '=', accountId).where('id', '=', id)
      .returningAll().executeTakeFirstOrThrow();
  },

  async remove(db: Executor, accountId: number, id: number): Promise<void> {
    await db.deleteFrom('notes').where('account_id', '=', accountId).where('id', '=', id).execute();
  },

  /** Moves every note of one contact to another (merge). */
  async moveToContact(db: Executor, accountId: number, fromId: number, toId: number): Promise<void> {
    await db.updateTable('notes').set({ contact_id: toId }).where('account_id', '=', accountId).where('contact_id', '=', fromId).execute();
  },
};
