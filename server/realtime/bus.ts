import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

/** A frame for every subscription streaming from at least one of `streams` (pubsub tokens, `account_<id>`). */
export interface CableBroadcast {
  kind: 'broadcast';
  streams: string[];
  event: string;
  data: Record<string, unknown>;
  /** The outbox event id the frame came from (the resumable feed's sequence); absent for presence. */
  sequence?: number;
  /** On Redis, the node that published it (which has already handed it to its own sockets). */
  origin?: string;
}

/** Asks every node to re-check the subscriptions of an account (a member was removed, a token changed). */
export interface CableRevalidate {
  kind: 'revalidate';
  accountId: number;
  origin?: string;
}

export type BusMessage = CableBroadcast | CableRevalidate;
/** Receives the messages of one publish, in order. */
export type BusHandler = (messages: BusMessage[]) => void;
/** Whether the local receiver has a socket of the account listening. */
export type BusAudience = (accountId: number) => boolean;

/**
 * Fan-out between nodes. Every node hands each message to ITS local sockets, so a message
 * published once reaches each matching socket once, whichever node holds it.
 */
export interface Bus {
  publish(message: BusMessage): Promise<void>;
  /** Publishes several messages at once (an outbox batch's frames): one Redis message, and one write per socket. */
  publishAll(messages: BusMessage[]): Promise<void>;
  /**
   * Sets the local receiver (the cable server of this process), and optionally what it can tell
   * of its audience: without one, every account is taken to be listened to.
   */
  onMessage(handler: BusHandler, audience?: BusAudience): void;
  /**
   * False only when no socket on any node can be listening to the account, so that frames for it
   * need not be built: the in-process bus asks its receiver; across nodes nobody knows, so true.
   */
  mayReach(accountId: number): boolean;
  /** Starts listening (Redis: subscribes); resolves once messages can arrive. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** How long start() waits for the publishing connection (it fails fast rather than queue while down). */
const READY_WAIT_MS = 5000;

/** Resolves when the connection is ready, or after `ms` (callers then see its commands fail and retry). */
export function whenReady(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    }
    redis.once('ready', done);
  });
}

/** One process: publish calls the local receiver directly. */
export class LocalBus implements Bus {
  private handler: BusHandler | null = null;
  private audience: BusAudience | null = null;

  publish(message: BusMessage): Promise<void> {
    return this.publishAll([message]);
  }

  async publishAll(messages: BusMessage[]): Promise<void> {
    if (messages.length > 0) {
      this.handler?.(messages);
    }
  }

  onMessage(handler: BusHandler, audience?: BusAudience): void {
    this.handler = handler;
    this.audience = audience ?? null;
  }

  mayReach(accountId: number): boolean {
    return this.handler !== null && (this.audience?.(accountId) ?? true);
  }

  async start(): Promise<void> {}

  async close(): Promise<void> {
    this.handler = null;
    this.audience = null;
  }
}

/**
 * Several processes: Redis pub/sub on one channel; the subscriber connection is opened by start().
 * A node hands what it publishes to its own sockets at once, without the round trip through Redis
 * (and while Redis is down), and skips it when Redis echoes it back: each message carries its
 * `origin`, a field that nodes not knowing it ignore.
 */
export class RedisBus implements Bus {
  private handler: BusHandler | null = null;
  private subscriber: Redis | null = null;
  readonly channel: string;
  readonly origin = randomUUID();

  constructor(private readonly redis: Redis, prefix: string, private readonly log: Logger) {
    this.channel = `${prefix}:cable`;
  }

  publish(message: BusMessage): Promise<void> {
    return this.publishAll([message]);
  }

  /** Local sockets first, then one Redis message holding the array (a single message is sent bare, as nodes of earlier versions expect). */
  async publishAll(messages: BusMessage[]): Promise<void> {
    if (messages.length === 0) {
      return;
    }
    const stamped = messages.map((message) => Object.assign({}, message, { origin: this.origin }));
    const published = this.redis.publish(this.channel, JSON.stringify(stamped.length === 1 ? stamped[0] : stamped));
    try {
      this.handler?.(messages);
    } finally {
      await published;
    }
  }

  onMessage(handler: BusHandler): void {
    this.handler = handler;
  }

  mayReach(): boolean {
    return true;
  }

  async start(): Promise<void> {
    if (this.subscriber) {
      return;
    }
    const subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    subscriber.on('error', (error) => this.log.warn({ err: error }, 'redis cable subscriber error'));
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) {
        return;
      }
      try {
        const parsed = JSON.parse(text) as BusMessage | BusMessage[];
        const messages = (Array.isArray(parsed) ? parsed : [parsed]).filter((message) => message.origin !== this.origin);
        if (messages.length > 0) {
          this.handler?.(messages);
        }
      } catch (error) {
        this.log.warn({ err: error }, 'unreadable cable bus message');
      }
    });
    this.subscriber = subscriber;
    await subscriber.subscribe(this.channel);
    await whenReady(this.redis, READY_WAIT_MS);
  }

  async close(): Promise<void> {
    this.handler = null;
    this.subscriber?.disconnect();
    this.subscriber = null;
  }
}
