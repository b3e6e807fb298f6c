/**
 * A fixed-window counter per key, in the memory of this process: `hit(key)` answers
 * false once a key has been seen more than `limit` times within the current window.
 * Each node counts on its own, so behind a load balancer the effective limit is
 * `limit` × nodes. Windows of keys not seen lately are dropped as the map is swept.
 */
export class RateLimiter {
  private readonly counts = new Map<string, { windowStart: number; count: number }>();
  private lastSweep = 0;

  constructor(
    /** Read on every hit, so a changed setting applies at once. */
    private readonly limit: () => number,
    readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one request for `key`; true while it is within the limit. */
  hit(key: string): boolean {
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
