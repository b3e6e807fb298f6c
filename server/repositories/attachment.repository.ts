import type { Insertable } from 'kysely';
import type { Executor } from '../db/dialect.js';
import type { AttachmentRow, AttachmentsTable } from '../db/schema.js';
import { now } from '../lib/clock.js';

/** Message attachments; stored files live under STORAGE_DIR at `storage_key`. */
export const attachmentRepository = {
  findById(db: Executor, accountId: number, id: number): Promise<AttachmentRow | undefined> {
    return db.selectFrom('attachments').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  /** Attachment by id alone, for the signed file route (the token carries the proof). */
  findByIdUnscoped(db: Executor, id: number): Promise<AttachmentRow | undefined> {
    return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Attachments of the given messages, in id order. */
  listByMessageIds(db: Executor, accountId: number, messageIds: number[]): Promise<AttachmentRow[]> {
    if (messageIds.length === 0) {
      return Promise.resolve([]);
    }
    return db.selectFrom('attachments').selectAll()
      .where('account_id', '=', accountId).where('message_id', 'in', messageIds).orderBy('id').execute();
  },

  insert(db: Executor, values: Omit<Insertable<AttachmentsTable>, 'created_at' | 'updated_at'>): Promise<AttachmentRow> {
    const at = now();
    return db.insertInto('attachments').values({ ...values, created_at: at, updated_at: at })
      .returningAll().executeTakeFirstOrThrow();
  },

  /** Removes a message's attachments and returns the removed rows (their files are the caller's to delete). */
  removeByMessageId(db: Executor, accountId: number, messageId: number): Promise<AttachmentRow[]> {
    return db.deleteFrom('attachments').where('account_id', '=', accountId).where('message_id', '=', messageId)
      .returningAll().execute();
  },
};
