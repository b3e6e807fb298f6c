import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../context.js';
import { now } from '../lib/clock.js';
import { conflict, HttpError, unprocessable } from '../lib/errors.js';
import { idempotencyKeyRepository } from '../repositories/idempotency-key.repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKeyId?: number;
  }
}

/** How long a key and its response are kept. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

/** What identifies "the same request": method, path and body (multipart: its declared size and type). */
function requestDigest(request: FastifyRequest): string {
  const hash = createHash('sha256').update(request.method).update('\n').update(request.url).update('\n');
  if (String(request.headers['content-type'] ?? '').startsWith('multipart/')) {
    hash.update(`multipart:${request.headers['content-length'] ?? ''}`);
  } else {
    hash.update(JSON.stringify(request.body ?? null));
  }
  return hash.digest('hex');
}

function scopeOf(request: FastifyRequest): string {
  return `${request.actor?.type ?? 'anonymous'}:${request.actor?.id ?? request.ip}`;
}

/**
 * `Idempotency-Key` on any POST: the first request runs and its response is kept
 * for 24 h; a retry with the same body gets that response again, a retry with a
 * different body 422, and a retry while the first is still running 409.
 */
export function registerIdempotency(app: FastifyInstance, deps: Deps): void {
  const db = deps.db.kysely;

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string' || key === '') {
      return;
    }
    if (key.length > MAX_KEY_LENGTH) {
      throw new HttpError(422, { message: `Idempotency-Key is too long (maximum is ${MAX_KEY_LENGTH} characters)`, attributes: ['Idempotency-Key'] });
    }
    const scope = scopeOf(request);
    const digestHex = requestDigest(request);
    const values = { scope, key, method: request.method, path: request.url, request_digest: digestHex };
    let claimed = await idempotencyKeyRepository.claim(db, values);
    let existing = claimed ? undefined : await idempotencyKeyRepository.find(db, scope, key);
    if (existing && existing.created_at < now() - IDEMPOTENCY_TTL_MS) {
      await idempotencyKeyRepository.release(db, existing.id);
      claimed = await idempotencyKeyRepository.claim(db, values);
      existing = claimed ? undefined : await idempotencyKeyRepository.find(db, scope, key);
    }
    if (claimed) {
      request.idempotencyKeyId = claimed.id;
      return;
    }
    if (!existing) {
      throw conflict('A request with this Idempotency-Key is still in progress');
    }
    if (existing.request_digest !== digestHex) {
      throw unprocessable('Idempotency-Key was already used with a different request');
    }
    if (existing.response_status === null) {
      throw conflict('A request with this Idempotency-Key is still in progress');
    }
    reply.header('idempotent-replayed', 'true');
    if (existing.response_content_type) {
      reply.header('content-type', existing.response_content_type);
    }
    return reply.code(existing.response_status).send(existing.response_body ?? '');
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const id = request.idempotencyKeyId;
    if (id === undefined) {
      return payload;
    }
    request.idempotencyKeyId = undefined;
    if (reply.statusCode >= 500) {
      await idempotencyKeyRepository.release(db, id);
    } else {
      const contentType = reply.getHeader('content-type');
      await idempotencyKeyRepository.complete(db, id, reply.statusCode, typeof payload === 'string' ? payload : '', typeof contentType === 'string' ? contentType : null);
    }
    return payload;
  });
}
