import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Files on local disk under STORAGE_DIR, addressed by a relative key. Keys never
 * leave the root: a key that resolves outside it is refused.
 */
export const fileStore = {
  /** The absolute path of a key under `root`. */
  pathOf(root: string, key: string): string {
    const base = resolve(root);
    const path = resolve(base, key);
    if (!path.startsWith(base + sep)) {
      throw new Error(`storage key escapes the storage root: ${key}`);
    }
    return path;
  },

  /** Streams `source` into the key's file and returns the number of bytes written. */
  async write(root: string, key: string, source: Readable): Promise<number> {
    const path = fileStore.pathOf(root, key);
    await mkdir(dirname(path), { recursive: true });
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(source, counter, createWriteStream(path));
    return bytes;
  },

  /** The first `length` bytes of a file (fewer when it is shorter). */
  async readHead(root: string, key: string, length: number): Promise<Buffer> {
    const handle = await open(fileStore.pathOf(root, key), 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },

  /** A read stream of the file, or null when it is missing. */
  async openRead(root: string, key: string): Promise<ReadStream | null> {
    const path = fileStore.pathOf(root, key);
    const info = await stat(path).catch(() => null);
    return info?.isFile() ? createReadStream(path) : null;
  },

  /** Deletes the keys' files and their (per-file) folders; missing files are fine. */
  async remove(root: string, keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(dirname(fileStore.pathOf(root, key)), { recursive: true, force: true })));
  },
};
