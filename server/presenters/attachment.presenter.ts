import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { enumName, FILE_TYPES } from '../../common/enums.js';
import type { AttachmentRow } from '../db/schema.js';
import { attachmentFileUrl } from '../storage/attachment-files.js';

const NullableInt = Type.Union([Type.Integer(), Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const base = { id: Type.Integer(), message_id: Type.Integer(), file_type: Type.String(), account_id: Type.Integer() };
const file = {
  extension: NullableString, content_type: NullableString, data_url: Type.String(), thumb_url: Type.String(),
  file_size: NullableInt, width: NullableInt, height: NullableInt,
};
const variant = (props: TProperties) => Type.Object({ ...base, ...props });

/**
 * Attachment shape (Attachment#push_event_data): the common keys, then keys that depend
 * on the file type. Variants are tried in order, so the wider ones come first.
 */
export const AttachmentJson = Type.Union([
  variant({ ...file, transcribed_text: Type.String() }),
  variant(file),
  variant({ coordinates_lat: Type.Number(), coordinates_long: Type.Number(), fallback_title: NullableString, data_url: NullableString }),
  variant({ fallback_title: NullableString, meta: Type.Object({}, { additionalProperties: true }) }),
  variant({ fallback_title: NullableString, data_url: NullableString }),
  variant({ data_url: NullableString, thumb_url: Type.String() }),
  variant({ data_url: NullableString }),
]);

/** Keys of a stored file (Attachment#file_metadata); images use their own URL as thumbnail (no resizing). */
function fileMetadata(row: AttachmentRow) {
  const url = attachmentFileUrl(row);
  return {
    extension: row.extension,
    content_type: row.content_type,
    data_url: url,
    thumb_url: row.file_type === 0 ? url : '',
    file_size: row.byte_size,
    width: row.width,
    height: row.height,
  };
}

/** The type-dependent keys (Attachment#metadata_for_file_type). */
function metadataFor(row: AttachmentRow, type: string): Record<string, unknown> {
  switch (type) {
    case 'location':
      return { coordinates_lat: row.coordinates_lat, coordinates_long: row.coordinates_long, fallback_title: row.fallback_title, data_url: row.external_url };
    case 'fallback':
      return { fallback_title: row.fallback_title, data_url: row.external_url };
    case 'contact':
      return { fallback_title: row.fallback_title, meta: row.meta };
    case 'audio':
      return { ...fileMetadata(row), transcribed_text: typeof row.meta.transcribed_text === 'string' ? row.meta.transcribed_text : '' };
    case 'embed':
      return { data_url: row.external_url };
    default:
      return row.storage_key ? fileMetadata(row) : { data_url: row.external_url, thumb_url: '' };
  }
}

/** Attachment shape. */
export function presentAttachment(row: AttachmentRow): Static<typeof AttachmentJson> {
  const type = enumName(FILE_TYPES, row.file_type) ?? 'file';
  const common = { id: row.id, message_id: row.message_id, file_type: type, account_id: row.account_id };
  return { ...common, ...metadataFor(row, type) } as Static<typeof AttachmentJson>;
}
