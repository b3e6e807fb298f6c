import { Type } from '@sinclair/typebox';
import { notFound } from '../lib/errors.js';
import { safeEqual } from '../lib/tokens.js';
import { contactRepository } from '../repositories/contact.repository.js';
import { fileStore } from '../storage/file-store.js';
import type { RoutePlugin } from './types.js';

const Params = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  token: Type.String({ minLength: 1, maxLength: 128 }),
  filename: Type.String({ minLength: 1, maxLength: 255 }),
});

const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** Serves uploaded contact avatars at `/avatars/contacts/:id/:token/:filename` (the contact's avatar_url/thumbnail). */
export const avatarFileRoutes: RoutePlugin = (app, deps) => {
  app.get('/contacts/:id/:token/:filename', { schema: { tags: ['Attachments'], params: Params } }, async (request, reply) => {
    const contact = await contactRepository.findByIdUnscoped(deps.db.kysely, request.params.id);
    const [, token, name] = contact?.avatar_key?.split('/') ?? [];
    if (!contact?.avatar_key || !token || !safeEqual(token, request.params.token) || name !== request.params.filename) {
      throw notFound();
    }
    const stream = await fileStore.openRead(deps.env.storageDir, contact.avatar_key);
    if (!stream) {
      throw notFound();
    }
    const type = TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
    return reply.type(type).header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=86400').send(stream);
  });
};
