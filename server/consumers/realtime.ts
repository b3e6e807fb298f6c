import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { DomainEvent, EventName } from '../events/catalog.js';
import type { BatchHandler, Consumer } from '../events/dispatcher.js';
import { prefetchEventViews } from '../finders/event-views.finder.js';
import { LocalBus, RedisBus, type Bus, type BusMessage } from '../realtime/bus.js';
import { BROADCAST_EVENTS, buildFrame } from '../realtime/frames.js';
import { MemoryPresence, RedisPresence, type Presence } from '../realtime/presence.js';

/** Events after which the subscriptions of the account are checked again on every node. */
const REVALIDATING_EVENTS: readonly EventName[] = ['agent.removed'];
/** Frames a batch gathers before it publishes what it has so far. */
const MAX_GATHERED = 50;

/**
 * The outbox consumer for /cable (ActionCableListener): turns each domain event into
 * Chatwoot's cable event and payload, works out its audience, and publishes it on the bus
 * once; every node then hands it to its own sockets.
 */
export class RealtimeConsumer implements Consumer {
  readonly name = 'realtime';
  readonly events: readonly EventName[] = [...BROADCAST_EVENTS, ...REVALIDATING_EVENTS];

  constructor(private readonly db: Db, private readonly bus: Bus, private readonly log?: Logger) {}

  /**
   * Loads what the batch's frames share at once (the views of its conversations and messages, kept
   * in the batch's read memo where the webhook payloads find them too, and the contacts of accounts
   * someone listens to), and gathers the frames to publish them together when the batch is done:
   * one bus message, and one write per socket however many frames it gets.
   */
  async forBatch(events: DomainEvent[]): Promise<BatchHandler> {
    if (events.length > 1) {
      await prefetchEventViews(this.db.kysely, events, { contactsOf: (accountId) => this.bus.mayReach(accountId) });
    }
    let gathered: BusMessage[] = [];
    const flush = () => {
      const messages = gathered;
      gathered = [];
      return this.publish(messages);
    };
    return {
      handle: async (event) => {
        const message = await this.messageFor(event);
        if (message) {
          gathered.push(message);
          // A long batch goes out in parts, so its first frames do not wait for the last to be built.
          if (gathered.length >= MAX_GATHERED) {
            await flush();
          }
        }
      },
      finish: flush,
    };
  }

  async handle(event: DomainEvent): Promise<void> {
    const message = await this.messageFor(event);
    if (message) {
      await this.publish([message]);
    }
  }

  /**
   * The bus message an event makes: a frame with its audience, or a revalidation; null when nothing
   * is sent, which includes a frame no socket could receive (its account has none listening). Such a
   * frame is not built: a client that subscribes later resumes from the outbox by sequence.
   */
  private async messageFor(event: DomainEvent): Promise<BusMessage | null> {
    if (REVALIDATING_EVENTS.includes(event.name)) {
      return event.accountId === null ? null : { kind: 'revalidate', accountId: event.accountId };
    }
    if (event.accountId === null || !this.bus.mayReach(event.accountId)) {
      return null;
    }
    const frame = await buildFrame(this.db.kysely, event);
    return frame ? { kind: 'broadcast', streams: frame.streams, event: frame.event, data: frame.data, sequence: frame.sequence } : null;
  }

  /** Sockets are best effort (clients resume by sequence): a Redis outage must not hold back webhooks and bots. */
  private async publish(messages: BusMessage[]): Promise<void> {
    try {
      await this.bus.publishAll(messages);
    } catch (error) {
      this.log?.warn({ err: error, frames: messages.length }, 'realtime publish failed');
    }
  }
}

/** The realtime services of one process. */
export interface Realtime {
  bus: Bus;
  presence: Presence;
  consumer: RealtimeConsumer;
}

/** In-process bus and presence, or Redis-backed ones when Redis is configured (several nodes). */
export function createRealtime(db: Db, log: Logger, redis: Redis | null, prefix = 'parley'): Realtime {
  const bus: Bus = redis ? new RedisBus(redis, prefix, log) : new LocalBus();
  const presence: Presence = redis ? new RedisPresence(redis, prefix) : new MemoryPresence();
  return { bus, presence, consumer: new RealtimeConsumer(db, bus, log) };
}
