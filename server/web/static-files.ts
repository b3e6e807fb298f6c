import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyReply } from 'fastify';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Where `npm run build` puts the browser app called `name` (web/<name> → dist/web/<name>). */
export function builtAppDir(name: string): string {
  return join(import.meta.dirname, '..', '..', 'web', name);
}

/**
 * Resolves `relativePath` inside `dir`, refusing anything that climbs out of it.
 * Answers undefined when the path escapes or names no regular file.
 */
export async function findFile(dir: string, relativePath: string): Promise<{ path: string; size: number } | undefined> {
  const path = normalize(join(dir, relativePath));
  if (path !== dir && !path.startsWith(dir.endsWith(sep) ? dir : dir + sep)) {
    return undefined;
  }
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? { path, size: info.size } : undefined;
}

/**
 * Streams a built file. Vite puts a content hash in every name under `assets/`, so those
 * are cached for a year; everything else (index.html, loaders at fixed URLs) is revalidated.
 */
export function sendFile(reply: FastifyReply, file: { path: string; size: number }, options: { immutable: boolean }): FastifyReply {
  reply.header('content-type', CONTENT_TYPES[extname(file.path)] ?? 'application/octet-stream');
  reply.header('content-length', file.size);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('cache-control', options.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  return reply.send(createReadStream(file.path));
}
