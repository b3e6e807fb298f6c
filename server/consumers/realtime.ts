import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.js';
import type { DomainEvent, EventName } from '../events/catalog.js';
import type { Consumer } from '../events/dispatcher.js';
import { LocalBus, RedisBus, type Bus, type BusMessage } from '../realtime/bus.js';
import { BROADCAST_EVENTS, buildFrame, preloadFrameRows, type Preloaded } from '../realtime/frames.js';
import { MemoryPresence, RedisPresence, type Presence } from '../realtime/presence.js';

/** Events after which the subscriptions of the account are checked again on every node. */
const REVALIDATING_EVENTS: readonly EventName[] = ['agent.removed'];

/**
 * The outbox consumer for /cable (ActionCableListener): turns each domain event into
 * Chatwoot's cable event and payload, works out its audience, and publishes it on the bus
 * once; every node then hands it to its own sockets.
 */
export class RealtimeConsumer implements Consumer {
  readonly name = 'realtime';
  readonly events: readonly EventName[] = [...BROADCAST_EVENTS, ...REVALIDATING_EVENTS];

  constructor(private readonly db: Db, private readonly bus: Bus, private readonly log?: Logger) {}

  /** Loads the contacts of the batch's contact events at once; the frames are built from them. */
  async forBatch(events: DomainEvent[]): Promise<(event: DomainEvent) => Promise<void>> {
    const preloaded = await preloadFrameRows(this.db.kysely, events);
    return (event) => this.handle(event, preloaded);
  }

  async handle(event: DomainEvent, preloaded?: Preloaded): Promise<void> {
    if (REVALIDATING_EVENTS.includes(event.name)) {
      if (event.accountId !== null) {
        await this.publish(event, { kind: 'revalidate', accountId: event.accountId });
      }
      return;
    }
    const frame = await buildFrame(this.db.kysely, event, preloaded);
    if (frame) {
      await this.publish(event, { kind: 'broadcast', streams: frame.streams, event: frame.event, data: frame.data, sequence: frame.sequence });
    }
  }

  /** Sockets are best effort (clients resume by sequence): a Redis outage must not hold back webhooks and bots. */
  private async publish(event: DomainEvent, message: BusMessage): Promise<void> {
    try {
      await this.bus.publish(message);
    } catch (error) {
      this.log?.warn({ err: error, eventId: event.id }, 'realtime publish failed');
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
