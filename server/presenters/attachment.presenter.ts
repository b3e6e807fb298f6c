import { Type, type Static } from '@sinclair/typebox';
import { enumName, FILE_TYPES } from '../../common/enums.js';
import type { AttachmentRow } from '../db/schema.js';

/** Attachment shape (Attachment#push_event_data): common keys, then keys that depend on the file type. */
export const AttachmentJson = Type.Object({
  id: Type.Integer(),
  message_id: Type.Integer(),
  file_type: Type.String(),
  account_id: Type.Integer(),
}, { additionalProperties: true });

/** Attachment shape. */
export function presentAttachment(row: AttachmentRow): Static<typeof AttachmentJson> {
  return {
    id: row.id,
    message_id: row.message_id,
    file_type: enumName(FILE_TYPES, row.file_type) ?? 'file',
    account_id: row.account_id,
  };
}
