import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import { outsideReadMemo, withReadMemo } from '../db/read-memo.js';
import type { EventRow } from '../db/schema.js';
import type { DomainEvent, EventName } from './catalog.js';
import { eventFromRow, markDispatched, markFailedAttempt, pendingEvents } from './outbox.js';

/** A consumer takes the events it names; realtime, webhooks, bots and automation plug in here. */
export interface Consumer {
  name: string;
  events: readonly EventName[];
  handle(event: DomainEvent): Promise<void>;
}

const BATCH_SIZE = 200;
const MAX_ATTEMPTS = 8;
const POLL_MS = 1000;
/** Any number: the PostgreSQL advisory lock that lets one node at a time drain the outbox. */
const DRAIN_LOCK_KEY = 7_303_011;

/**
 * Delivers outbox events to consumers after commit: at least once, in order per
 * conversation, replaying whatever an earlier process left undelivered.
 */
export class Dispatcher {
  private readonly consumers: Consumer[] = [];
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  /** Set by stop(): no drain may begin any more. */
  private closed = false;
  /** Set when another node held the drain lock on the last try. */
  private lockedOut = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  /** Adds a consumer; call before start(). */
  register(consumer: Consumer): void {
    this.consumers.push(consumer);
  }

  /** Starts polling and replays events left from before. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the batch in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closed = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.running;
  }

  /** Asks for a drain now (called after each commit that recorded events). */
  wake(): void {
    if (this.closed) {
      // After stop() the database may already be closed; whatever is left is replayed at the next start.
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = outsideReadMemo(() => this.loop()).finally(() => {
      this.running = null;
    });
  }

  /** Resolves once every event committed so far has been handed to consumers (tests, shutdown). */
  async drain(): Promise<void> {
    const deadline = Date.now() + 30_000;
    do {
      this.lockedOut = false;
      this.wake();
      while (this.running) {
        await this.running;
      }
      if (this.lockedOut) {
        // Another node is draining; wait for it to let go, then make sure nothing is left.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } while (this.lockedOut && Date.now() < deadline);
  }

  private schedule(ms: number): void {
    if (this.stopped) {
      return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
      this.schedule(POLL_MS);
    }, ms);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      let progressed = true;
      while (progressed) {
        progressed = await this.drainOnce();
      }
    } while (this.again);
  }

  /** One batch; false when there was nothing (more) to deliver. */
  private async drainOnce(): Promise<boolean> {
    try {
      if (this.db.dialect === 'sqlite') {
        return await withReadMemo(() => this.deliverBatch(this.db.kysely));
      }
      return await this.db.kysely.transaction().execute(async (tx) => {
        // Keyed by schema too, so deployments (or test files) sharing one database do not block each other.
        const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${DRAIN_LOCK_KEY}, hashtext(current_schema())) AS locked`.execute(tx);
        if (!rows[0]?.locked) {
          this.lockedOut = true;
          this.schedule(50);
          return false;
        }
        return withReadMemo(() => this.deliverBatch(tx));
      });
    } catch (error) {
      this.log.error({ err: error }, 'outbox drain failed');
      return false;
    }
  }

  private async deliverBatch(db: Db['kysely']): Promise<boolean> {
    const rows = await pendingEvents(db, BATCH_SIZE);
    if (rows.length === 0) {
      return false;
    }
    const delivered: number[] = [];
    const blocked = new Set<number>();
    for (const row of rows) {
      if (row.conversation_id !== null && blocked.has(row.conversation_id)) {
        continue;
      }
      const error = await this.deliver(eventFromRow(row));
      if (error === null || row.attempts + 1 >= MAX_ATTEMPTS) {
        delivered.push(row.id);
        if (error !== null) {
          this.log.error({ eventId: row.id, event: row.name, error }, 'outbox event dropped after repeated failures');
        }
        continue;
      }
      await markFailedAttempt(db, row.id, error);
      this.blockConversation(row, blocked);
    }
    await markDispatched(db, delivered);
    if (blocked.size > 0 || delivered.length < rows.length) {
      this.schedule(Math.min(30_000, 200 * 2 ** Math.min(rows[0].attempts, 8)));
      return false;
    }
    // A short batch took everything there was: events committed since then woke the loop
    // (`again`), so looking once more would find nothing.
    return rows.length === BATCH_SIZE;
  }

  private blockConversation(row: EventRow, blocked: Set<number>): void {
    // Later events of the same conversation wait, keeping per-conversation order.
    blocked.add(row.conversation_id ?? -row.id);
  }

  /** Hands one event to every consumer that takes it; returns the first error's text, or null. */
  private async deliver(event: DomainEvent): Promise<string | null> {
    let failure: string | null = null;
    for (const consumer of this.consumers) {
      if (!consumer.events.includes(event.name)) {
        continue;
      }
      try {
        await consumer.handle(event);
      } catch (error) {
        this.log.warn({ err: error, consumer: consumer.name, eventId: event.id }, 'consumer failed');
        failure ??= `${consumer.name}: ${(error as Error)?.message ?? String(error)}`;
      }
    }
    return failure;
  }
}
