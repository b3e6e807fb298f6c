import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../../../../context.js';
import { newStorageKey, type StoredUpload } from '../../../../../storage/attachment-files.js';
import { fileStore } from '../../../../../storage/file-store.js';
import { IMAGE_HEAD_BYTES, imageSize } from '../../../../../storage/image-size.js';
import { conversationOf } from './messages.access.js';

/**
 * multipart/form-data message bodies: files of `attachments[]` are streamed to
 * STORAGE_DIR as they arrive (the size and count limits are @fastify/multipart's:
 * 413 naming `attachments`), the other fields become the body the schema checks.
 * Files not kept by a successful create are deleted when the response is sent.
 */
const received = new WeakMap<FastifyRequest, { files: StoredUpload[]; kept: boolean }>();

const ATTACHMENT_FIELD = /^(message\[attachments\]|attachments)(\[\d*\])?$/;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Node = Record<string, unknown> | unknown[];

/** Sets a Rails-style form field (`a`, `a[b]`, `a[]`, `a[b][]`) into `target`. */
export function assignField(target: Record<string, unknown>, name: string, value: unknown): void {
  const keys = name.replace(/\]/g, '').split('[');
  if (keys.some((key) => UNSAFE_KEYS.has(key))) {
    return;
  }
  let node: Node = target;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const child = (existing: unknown): Node => {
      const wantArray = keys[i + 1] === '';
      if (wantArray ? Array.isArray(existing) : typeof existing === 'object' && existing !== null && !Array.isArray(existing)) {
        return existing as Node;
      }
      return wantArray ? [] : {};
    };
    if (Array.isArray(node)) {
      const next = last ? value : child(undefined);
      node.push(next);
      node = next as Node;
    } else if (last) {
      node[key] = value;
    } else {
      node = node[key] = child(node[key]);
    }
  });
}

/** Streams one file into the account's storage folder and records what was written. */
async function storeFile(request: FastifyRequest, deps: Deps, part: MultipartFile, files: StoredUpload[]): Promise<void> {
  const root = deps.env.storageDir;
  const filename = part.filename || 'file';
  const upload: StoredUpload = {
    storageKey: newStorageKey(request.account.id, filename), filename,
    contentType: part.mimetype || 'application/octet-stream', byteSize: 0, width: null, height: null,
  };
  files.push(upload);
  upload.byteSize = await fileStore.write(root, upload.storageKey, part.file);
  if (part.file.truncated) {
    throw new request.server.multipartErrors.RequestFileTooLargeError();
  }
  if (upload.contentType.startsWith('image/')) {
    const size = imageSize(await fileStore.readHead(root, upload.storageKey, IMAGE_HEAD_BYTES));
    upload.width = size?.width ?? null;
    upload.height = size?.height ?? null;
  }
}

/**
 * preValidation hook: checks access to the conversation first (`checkAccess`, by default the
 * Application API's), then reads a multipart body.
 */
export function readMultipartMessage(deps: Deps, checkAccess: (request: FastifyRequest) => Promise<unknown> = (request) => conversationOf(request, deps)) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!request.isMultipart()) {
      return;
    }
    await checkAccess(request);
    const state = { files: [] as StoredUpload[], kept: false };
    received.set(request, state);
    const body: Record<string, unknown> = {};
    for await (const part of request.parts()) {
      if (part.type === 'file' && ATTACHMENT_FIELD.test(part.fieldname)) {
        await storeFile(request, deps, part, state.files);
      } else if (part.type === 'file') {
        part.file.resume();
      } else {
        assignField(body, part.fieldname, part.value);
      }
    }
    request.body = body;
  };
}

/** The files received with this request. */
export function uploadsOf(request: FastifyRequest): StoredUpload[] {
  return received.get(request)?.files ?? [];
}

/** The files now belong to attachment rows: keep them. */
export function keepUploads(request: FastifyRequest): void {
  const state = received.get(request);
  if (state) {
    state.kept = true;
  }
}

async function discard(deps: Deps, request: FastifyRequest): Promise<void> {
  const state = received.get(request);
  if (state && !state.kept && state.files.length > 0) {
    const keys = state.files.map((f) => f.storageKey);
    state.files = [];
    await fileStore.remove(deps.env.storageDir, keys);
  }
}

/**
 * Hooks that delete the files of a request that failed or created nothing: onSend, so
 * they are gone before the client hears back, and onResponse for a request whose
 * response was never sent (the client went away).
 */
export function discardUnkeptUploads(deps: Deps) {
  return {
    onSend: async <T>(request: FastifyRequest, _reply: FastifyReply, payload: T): Promise<T> => {
      await discard(deps, request);
      return payload;
    },
    onResponse: async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => discard(deps, request),
  };
}
