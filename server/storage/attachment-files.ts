import { extname } from 'node:path';
import { FILE_TYPES, enumValue } from '../../common/enums.js';
import type { AttachmentRow } from '../db/schema.js';
import { randomToken } from '../lib/tokens.js';

/**
 * Where attachment files live and how they are addressed. A stored file's key is
 * `<account_id>/<token>/<safe file name>`: one folder per account, and a random
 * per-file token that is also the proof of access in its public URL
 * (`<FRONTEND_URL>/attachments/<id>/<token>/<safe file name>`).
 */
let publicBaseUrl = 'http://localhost:3000';

/** Sets the absolute base of attachment URLs (FRONTEND_URL); done once when the file route is mounted. */
export function configureAttachmentUrls(baseUrl: string): void {
  publicBaseUrl = baseUrl.replace(/\/+$/, '');
}

/** A file name that is safe in a path and a URL, keeping its extension. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-120);
  return cleaned || 'file';
}

/** A fresh storage key for an upload of the account. */
export function newStorageKey(accountId: number, fileName: string): string {
  return `${accountId}/${randomToken(24)}/${safeFileName(fileName)}`;
}

/** The access token inside a storage key, or null when the key is not ours. */
export function tokenOfStorageKey(key: string | null): string | null {
  const parts = key?.split('/') ?? [];
  return parts.length === 3 && parts[1] ? parts[1] : null;
}

/** The absolute URL that serves a stored attachment's bytes; '' when nothing is stored. */
export function attachmentFileUrl(row: Pick<AttachmentRow, 'id' | 'storage_key'>): string {
  const token = tokenOfStorageKey(row.storage_key);
  if (!token || !row.storage_key) {
    return '';
  }
  return `${publicBaseUrl}/attachments/${row.id}/${token}/${row.storage_key.split('/')[2]}`;
}

const IMAGE_TYPES = ['image/jpeg', 'image/jpg', 'image/png', 'image/gif', 'image/bmp', 'image/webp', 'image'];
const VIDEO_TYPES = ['video/ogg', 'video/mp4', 'video/webm', 'video/quicktime', 'video'];

/** Chatwoot's file_type for a MIME type (FileTypeHelper): image, video, audio, else file. Stored integer. */
export function fileTypeOf(contentType: string | null): number {
  if (contentType && IMAGE_TYPES.includes(contentType)) {
    return enumValue(FILE_TYPES, 'image');
  }
  if (contentType && VIDEO_TYPES.includes(contentType)) {
    return enumValue(FILE_TYPES, 'video');
  }
  if (contentType?.includes('audio/')) {
    return enumValue(FILE_TYPES, 'audio');
  }
  return enumValue(FILE_TYPES, 'file');
}

/** The extension of a file name without the dot (`photo.PNG` → `PNG`), or null. */
export function extensionOf(fileName: string): string | null {
  return extname(fileName).replace(/^\./, '') || null;
}

/** An uploaded file already written under STORAGE_DIR, waiting to become an attachment row. */
export interface StoredUpload {
  storageKey: string;
  /** The name the client gave, for the extension. */
  filename: string;
  contentType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
}
