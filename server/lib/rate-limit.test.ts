import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { whenReady } from '../realtime/bus.js';
import { createRateLimiter, MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './rate-limit.js';
import { connectRedis } from './redis.js';

const REDIS_URL = process.env.REDIS_URL;
const quiet = { warn: () => undefined };

/** `n` hits of `key`, in order. */
async function hits(limiter: RateLimiter, key: string, n: number): Promise<boolean[]> {
  const answers: boolean[] = [];
  for (let i = 0; i < n; i++) {
    answers.push(await limiter.hit(key));
  }
  return answers;
}

describe('rate limits', () => {
  it('in process: a fixed window per key; a new window starts afresh; the limit is read on every hit', async () => {
    let at = 1_000_000;
    let limit = 3;
    const limiter = new MemoryRateLimiter(() => limit, 60_000, () => at);
    assert.deepEqual(await hits(limiter, 'a', 5), [true, true, true, false, false]);
    assert.deepEqual(await hits(limiter, 'b', 1), [true]);
    at += 60_000;
    assert.deepEqual(await hits(limiter, 'a', 4), [true, true, true, false]);
    limit = 10;
    assert.equal(await limiter.hit('a'), true);
  });

  it('without Redis the factory counts in process', () => {
    const limiter = createRateLimiter({ redis: null, log: quiet, env: { redisPrefix: 'p' } }, 'x', () => 1, 1000);
    assert.ok(limiter instanceof MemoryRateLimiter);
  });

  it('in Redis: two limiters (two nodes) share one budget per key; the key expires with its window', { skip: !REDIS_URL && 'needs REDIS_URL' }, async () => {
    const redis = connectRedis(REDIS_URL!);
    const other = connectRedis(REDIS_URL!);
    after(() => { redis.disconnect(); other.disconnect(); });
    await whenReady(redis, 10_000);
    await whenReady(other, 10_000);
    const prefix = `parley-rate-test-${process.pid}-${Date.now()}`;
    const env = { redisPrefix: prefix };
    const nodeA = createRateLimiter({ redis, log: quiet, env }, 'widget-ip', () => 4, 60_000);
    const nodeB = createRateLimiter({ redis: other, log: quiet, env }, 'widget-ip', () => 4, 60_000);
    assert.ok(nodeA instanceof RedisRateLimiter);
    const answers = [await nodeA.hit('203.0.113.1'), await nodeB.hit('203.0.113.1'), await nodeA.hit('203.0.113.1'), await nodeB.hit('203.0.113.1')];
    assert.deepEqual(answers, [true, true, true, true]);
    assert.equal(await nodeB.hit('203.0.113.1'), false);
    assert.equal(await nodeA.hit('203.0.113.1'), false);
    assert.equal(await nodeA.hit('203.0.113.2'), true);
    const ttl = await redis.pttl(`${prefix}:rate:widget-ip:203.0.113.1`);
    assert.ok(ttl > 0 && ttl <= 60_000, `ttl ${ttl}`);

    // Concurrent hits from both nodes are counted exactly: as many pass as the limit allows.
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? nodeA : nodeB).hit('burst')));
    const shortLimit = createRateLimiter({ redis, log: quiet, env }, 'short', () => 10, 60_000);
    assert.equal(burst.filter(Boolean).length, 4);
    assert.deepEqual(await Promise.all(Array.from({ length: 20 }, () => shortLimit.hit('k'))).then((r) => r.filter(Boolean).length), 10);

    // A short window ends: the key is gone and counting starts again.
    const brief = createRateLimiter({ redis, log: quiet, env }, 'brief', () => 1, 200);
    assert.deepEqual([await brief.hit('k'), await brief.hit('k')], [true, false]);
    const deadline = Date.now() + 30_000;
    while ((await redis.exists(`${prefix}:rate:brief:k`)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(await brief.hit('k'), true);
  });

  it('in Redis: fails open with one logged warning when Redis does not answer', { skip: !REDIS_URL && 'needs REDIS_URL' }, async () => {
    const redis = connectRedis(REDIS_URL!);
    await whenReady(redis, 10_000);
    redis.disconnect();
    const warnings: unknown[] = [];
    const limiter = new RedisRateLimiter(redis, 'parley-rate-down', () => 0, 60_000, { warn: (...args: unknown[]) => { warnings.push(args); } });
    assert.deepEqual(await hits(limiter, 'k', 3), [true, true, true]);
    assert.equal(warnings.length, 1);
  });
});
