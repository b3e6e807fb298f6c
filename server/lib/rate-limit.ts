import type { Redis } from 'ioredis';

/** Where a failing Redis limiter reports (a pino logger fits). */
export interface WarningLog {
  warn(details: object, message: string): void;
}

/**
 * Fixed-window request counters: `hit(key)` counts one request and answers false once the
 * key has been seen more than `limit` times within the current window. Two engines behind
 * one interface: in this process's memory (one node), or in Redis (every node shares one
 * budget per key).
 */
export interface RateLimiter {
  readonly windowMs: number;
  /** Counts one request for `key`; true while it is within the limit. */
  hit(key: string): Promise<boolean>;
}

/**
 * In-process counters: each node counts on its own, so behind a load balancer the
 * effective limit is `limit` × nodes. Windows of keys not seen lately are dropped as the
 * map is swept.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly counts = new Map<string, { windowStart: number; count: number }>();
  private lastSweep = 0;

  constructor(
    /** Read on every hit, so a changed setting applies at once. */
    private readonly limit: () => number,
    readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async hit(key: string): Promise<boolean> {
    const at = this.clock();
    this.sweep(at);
    const entry = this.counts.get(key);
    if (!entry || at - entry.windowStart >= this.windowMs) {
      this.counts.set(key, { windowStart: at, count: 1 });
      return true;
    }
    entry.count += 1;
    return entry.count <= this.limit();
  }

  private sweep(at: number): void {
    if (at - this.lastSweep < this.windowMs) {
      return;
    }
    this.lastSweep = at;
    for (const [key, entry] of this.counts) {
      if (at - entry.windowStart >= this.windowMs) {
        this.counts.delete(key);
      }
    }
  }
}

/** INCR the key and, on the window's first hit, give it the window's lifetime: one atomic step. */
const COUNT_SCRIPT = `local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

/**
 * Counters in Redis, shared by every node: one key per counted key, created by the first
 * hit of a window and expiring with it. When Redis fails the request is let through and a
 * warning logged (at most once a minute), so an outage of Redis does not take the API down.
 */
export class RedisRateLimiter implements RateLimiter {
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    /** Key prefix naming the limit, e.g. `parley:rate:widget-ip`. */
    private readonly prefix: string,
    private readonly limit: () => number,
    readonly windowMs: number,
    private readonly log: WarningLog,
  ) {}

  async hit(key: string): Promise<boolean> {
    try {
      const count = Number(await this.redis.eval(COUNT_SCRIPT, 1, `${this.prefix}:${key}`, String(this.windowMs)));
      return count <= this.limit();
    } catch (error) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.log.warn({ err: error, limit: this.prefix }, 'rate limit not counted: Redis failed; letting requests through');
      }
      return true;
    }
  }
}

/** The limiter for one named limit: in Redis when the node has it, else in memory. */
export function createRateLimiter(
  deps: { redis: Redis | null; log: WarningLog; env: { redisPrefix: string } },
  name: string,
  limit: () => number,
  windowMs: number,
): RateLimiter {
  return deps.redis
    ? new RedisRateLimiter(deps.redis, `${deps.env.redisPrefix}:rate:${name}`, limit, windowMs, deps.log)
    : new MemoryRateLimiter(limit, windowMs);
}
