import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import { outsideReadMemo, withReadMemo } from '../db/read-memo.js';
import { TurnTaker } from '../lib/event-loop.js';
import type { EventRow } from '../db/schema.js';
import type { DomainEvent, EventName } from './catalog.js';
import { eventFromRow, markDispatched, markFailedAttempt, pendingEvents } from './outbox.js';

/** A consumer takes the events it names; realtime, webhooks, bots and automation plug in here. */
export interface Consumer {
  name: string;
  events: readonly EventName[];
  handle(event: DomainEvent): Promise<void>;
  /**
   * Optional, for consumers whose events share what they load (a bulk import's contact events,
   * a message's conversation): called once per batch with the batch's events this consumer
   * takes, before any is handled. It loads what they need in a few queries and returns the
   * handler for this batch, which then takes those events in place of `handle`, one at a time
   * and in order as usual, and is finished after the last of them.
   */
  forBatch?(events: DomainEvent[]): Promise<BatchHandler>;
}

/** A consumer's handling of one batch (see Consumer.forBatch). */
export interface BatchHandler {
  handle(event: DomainEvent): Promise<void>;
  /**
   * After the batch's last event, whatever failed (e.g. record or send what handle gathered); an
   * error here fails every event this handler took without error, so they come round again.
   */
  finish?(): Promise<void>;
}

const BATCH_SIZE = 200;
const MAX_ATTEMPTS = 8;
const POLL_MS = 1000;
/** Any number: the PostgreSQL advisory lock that lets one node at a time drain the outbox. */
const DRAIN_LOCK_KEY = 7_303_011;
/**
 * On SQLite a batch's queries are synchronous: without a pause it would hold the event loop from
 * its first event to its last, and requests arriving meanwhile would wait for all of it. Between
 * events (and batches) the drain lets the loop turn once it has run this long.
 */
const SLICE_MS = 4;

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
    const turns = new TurnTaker(SLICE_MS);
    do {
      this.again = false;
      let progressed = true;
      while (progressed) {
        progressed = await this.drainOnce(turns);
        await turns.pause();
      }
    } while (this.again);
  }

  /** One batch; false when there was nothing (more) to deliver. */
  private async drainOnce(turns: TurnTaker): Promise<boolean> {
    try {
      if (this.db.dialect === 'sqlite') {
        return await withReadMemo(() => this.deliverBatch(this.db.kysely, turns));
      }
      return await this.db.kysely.transaction().execute(async (tx) => {
        // Keyed by schema too, so deployments (or test files) sharing one database do not block each other.
        const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_xact_lock(${DRAIN_LOCK_KEY}, hashtext(current_schema())) AS locked`.execute(tx);
        if (!rows[0]?.locked) {
          this.lockedOut = true;
          this.schedule(50);
          return false;
        }
        return withReadMemo(() => this.deliverBatch(tx, turns));
      });
    } catch (error) {
      this.log.error({ err: error }, 'outbox drain failed');
      return false;
    }
  }

  /**
   * Hands a batch to the consumers one consumer at a time, in registration order: realtime
   * (registered first) sends the frames of the whole batch before notifications, webhooks and
   * bots do their slower work on it. When a consumer fails on an event, later events of that
   * conversation are held back from the consumers still to come (they come round again, in
   * order, with the failed one); events that reached a consumer and come round again are
   * delivered to it again (at least once).
   */
  private async deliverBatch(db: Db['kysely'], turns: TurnTaker): Promise<boolean> {
    const rows = await pendingEvents(db, BATCH_SIZE);
    if (rows.length === 0) {
      return false;
    }
    const events = rows.map(eventFromRow);
    const errors = new Map<number, string>();
    /** Conversation → index of its first event that failed and will be retried. */
    const heldFrom = new Map<number, number>();
    const skipped = new Set<number>();
    for (const consumer of this.consumers) {
      const taken = events.filter((event) => consumer.events.includes(event.name));
      if (taken.length === 0) {
        continue;
      }
      const batch = await this.batchHandler(consumer, taken);
      /** A failed event: kept for a retry, and later events of its conversation held back behind it. */
      const fail = (i: number, error: string) => {
        errors.set(i, errors.get(i) ?? error);
        const conversation = rows[i].conversation_id;
        const from = conversation === null ? undefined : heldFrom.get(conversation);
        if (conversation !== null && rows[i].attempts + 1 < MAX_ATTEMPTS && (from === undefined || i < from)) {
          heldFrom.set(conversation, i);
        }
      };
      const handled: number[] = [];
      for (let i = 0; i < rows.length; i += 1) {
        if (!consumer.events.includes(events[i].name)) {
          continue;
        }
        const conversation = rows[i].conversation_id;
        const from = conversation === null ? undefined : heldFrom.get(conversation);
        if (from !== undefined && i > from) {
          skipped.add(i);
          continue;
        }
        const error = await this.handleWith(consumer.name, batch, events[i]);
        if (error === null) {
          handled.push(i);
        } else {
          fail(i, error);
        }
        await turns.pause();
      }
      // What the batch handler kept for its end (e.g. deliveries to record) failed: so did the events it came from.
      const error = await this.finish(consumer.name, batch);
      if (error !== null) {
        handled.forEach((i) => fail(i, error));
      }
    }
    return this.settleBatch(db, rows, errors, skipped);
  }

  /** Marks what went to every consumer dispatched, counts the failures; false when something waits for a retry. */
  private async settleBatch(db: Db['kysely'], rows: EventRow[], errors: Map<number, string>, skipped: Set<number>): Promise<boolean> {
    const delivered: number[] = [];
    let waiting = false;
    for (const [i, row] of rows.entries()) {
      const error = errors.get(i);
      if (error !== undefined && (skipped.has(i) || row.attempts + 1 < MAX_ATTEMPTS)) {
        await markFailedAttempt(db, row.id, error);
      }
      if (skipped.has(i) || (error !== undefined && row.attempts + 1 < MAX_ATTEMPTS)) {
        waiting = true;
        continue;
      }
      if (error !== undefined) {
        this.log.error({ eventId: row.id, event: row.name, error }, 'outbox event dropped after repeated failures');
      }
      delivered.push(row.id);
    }
    await markDispatched(db, delivered);
    if (waiting) {
      this.schedule(Math.min(30_000, 200 * 2 ** Math.min(rows[0].attempts, 8)));
      return false;
    }
    // A short batch took everything there was: events committed since then woke the loop
    // (`again`), so looking once more would find nothing.
    return rows.length === BATCH_SIZE;
  }

  /** The consumer's handler for this batch: the one `forBatch` gives, else (none, or it failed) `handle`. */
  private async batchHandler(consumer: Consumer, events: DomainEvent[]): Promise<BatchHandler> {
    const each: BatchHandler = { handle: (event) => consumer.handle(event) };
    if (!consumer.forBatch) {
      return each;
    }
    try {
      return await consumer.forBatch(events);
    } catch (error) {
      this.log.warn({ err: error, consumer: consumer.name }, 'consumer batch load failed; handling events one by one');
      return each;
    }
  }

  /** Hands one event to one consumer's batch handler; returns the error's text, or null. */
  private async handleWith(name: string, batch: BatchHandler, event: DomainEvent): Promise<string | null> {
    try {
      await batch.handle(event);
      return null;
    } catch (error) {
      this.log.warn({ err: error, consumer: name, eventId: event.id }, 'consumer failed');
      return `${name}: ${(error as Error)?.message ?? String(error)}`;
    }
  }

  /** Finishes a consumer's batch; returns the error's text, or null. */
  private async finish(name: string, batch: BatchHandler): Promise<string | null> {
    try {
      await batch.finish?.();
      return null;
    } catch (error) {
      this.log.warn({ err: error, consumer: name }, 'consumer batch finish failed');
      return `${name}: ${(error as Error)?.message ?? String(error)}`;
    }
  }
}
