/** Resolves on the next turn of the event loop, after the I/O and timers that are ready. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Long work made of awaited better-sqlite3 queries never leaves the microtask queue (each query is
 * synchronous), so it holds the event loop until it ends: requests that arrive meanwhile wait for
 * the whole of it. `pause()` at the seams of such work gives the loop a turn once `sliceMs` of it
 * have run since the last turn, and costs nothing before that.
 */
export class TurnTaker {
  private since = performance.now();

  constructor(private readonly sliceMs: number) {}

  async pause(): Promise<void> {
    if (performance.now() - this.since < this.sliceMs) {
      return;
    }
    await nextTurn();
    this.since = performance.now();
  }
}
