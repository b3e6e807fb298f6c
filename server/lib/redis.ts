import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

/** ioredis is loaded on first use: a single node without Redis never pays its memory. */
const load = createRequire(import.meta.url);

/** Opens a Redis connection for REDIS_URL; commands fail fast instead of queueing while it is down. */
export function connectRedis(url: string): Redis {
  const { Redis: RedisClient } = load('ioredis') as typeof import('ioredis');
  return new RedisClient(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false });
}

/** True when Redis answers PING within `timeoutMs`. */
export async function redisAnswers(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([redis.ping().then((reply) => reply === 'PONG', () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
