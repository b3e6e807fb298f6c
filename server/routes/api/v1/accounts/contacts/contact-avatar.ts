import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../../../../context.js';
import { invalid } from '../../../../../lib/errors.js';
import { newStorageKey } from '../../../../../storage/attachment-files.js';
import { fileStore } from '../../../../../storage/file-store.js';
import { assignField } from '../conversations/messages.uploads.js';

/** Image types an avatar may have. */
const AVATAR_TYPES = /^image\/(png|jpe?g|gif|webp)$/;

const received = new WeakMap<FastifyRequest, { key: string | null; kept: boolean }>();

/**
 * preValidation hook for contact create/update sent as multipart/form-data: the
 * `avatar` file is streamed to storage (an image, else 422 naming avatar), the other
 * fields (Rails-style names) become the body the schema checks.
 */
export function readMultipartContact(deps: Deps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!request.isMultipart()) {
      return;
    }
    const state = { key: null as string | null, kept: false };
    received.set(request, state);
    const body: Record<string, unknown> = {};
    for await (const part of request.parts()) {
      if (part.type !== 'file') {
        assignField(body, part.fieldname, part.value);
        continue;
      }
      if (part.fieldname !== 'avatar' || state.key) {
        part.file.resume();
        continue;
      }
      if (!AVATAR_TYPES.test(part.mimetype)) {
        part.file.resume();
        throw invalid('avatar', 'must be a PNG, JPEG, GIF or WebP image');
      }
      state.key = newStorageKey(request.account.id, part.filename || 'avatar');
      await fileStore.write(deps.env.storageDir, state.key, part.file);
      if (part.file.truncated) {
        throw new request.server.multipartErrors.RequestFileTooLargeError();
      }
    }
    request.body = body;
  };
}

/** The storage key of the avatar received with this request, if any. */
export function avatarUploadOf(request: FastifyRequest): string | null {
  return received.get(request)?.key ?? null;
}

/** The received avatar now belongs to a contact (call after commit); deletes the file it replaced. */
export async function keepAvatarUpload(deps: Deps, request: FastifyRequest, replacedKey: string | null): Promise<void> {
  const state = received.get(request);
  if (state) {
    state.kept = true;
  }
  if (replacedKey) {
    await fileStore.remove(deps.env.storageDir, [replacedKey]);
  }
}

/** onResponse hook: deletes an avatar file no contact took (failed request). */
export function discardUnkeptAvatar(deps: Deps) {
  return async (request: FastifyRequest): Promise<void> => {
    const state = received.get(request);
    if (state?.key && !state.kept) {
      await fileStore.remove(deps.env.storageDir, [state.key]);
    }
  };
}
