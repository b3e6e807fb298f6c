import { Type } from '@sinclair/typebox';
import { notFound } from '../lib/errors.js';
import { safeEqual } from '../lib/tokens.js';
import { attachmentRepository } from '../repositories/attachment.repository.js';
import { configureAttachmentUrls, tokenOfStorageKey } from '../storage/attachment-files.js';
import { fileStore } from '../storage/file-store.js';
import type { RoutePlugin } from './types.js';

const FileParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  token: Type.String({ minLength: 1, maxLength: 128 }),
  filename: Type.String({ minLength: 1, maxLength: 255 }),
});

/** Types a browser may show inline; anything else downloads, so uploaded HTML never runs on our origin. */
const INLINE = /^(image\/(png|jpe?g|gif|webp|bmp)|audio\/|video\/|application\/pdf$|text\/plain$)/;

/** `filename*=` per RFC 5987, with a plain ASCII fallback. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Serves stored attachment bytes at `/attachments/:id/:token/:filename` (the data_url of
 * attachment JSON). The random per-file token is the proof of access, as the signed
 * ActiveStorage URLs are in Chatwoot; a wrong token answers 404 like a missing file.
 */
export const attachmentFileRoutes: RoutePlugin = (app, deps) => {
  configureAttachmentUrls(deps.env.frontendUrl);

  app.get('/:id/:token/:filename', {
    schema: { tags: ['Attachments'], params: FileParams, response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'The file bytes' }) } },
  }, async (request, reply) => {
    const row = await attachmentRepository.findByIdUnscoped(deps.db.kysely, request.params.id);
    const token = tokenOfStorageKey(row?.storage_key ?? null);
    if (!row?.storage_key || !token || !safeEqual(token, request.params.token)) {
      throw notFound();
    }
    const stream = await fileStore.openRead(deps.env.storageDir, row.storage_key);
    if (!stream) {
      throw notFound();
    }
    const type = row.content_type ?? 'application/octet-stream';
    return reply
      .type(type)
      .header('content-disposition', disposition(INLINE.test(type) ? 'inline' : 'attachment', row.filename ?? 'file'))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=86400')
      .send(stream);
  });
};
