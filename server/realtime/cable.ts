import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Executor } from '../db/dialect.js';
import type { CableLimitsConfig } from '../env.js';
import type { Bus, BusMessage, CableBroadcast } from './bus.js';
import { CableConnection, messageBody, messageHead, type Subscription } from './connection.js';
import { CableLimits, clientIp, NO_CABLE_LIMITS } from './limits.js';
import { PresenceBroadcaster, type Presence } from './presence.js';
import { replayFrames } from './replay.js';
import { SubscriptionIndex } from './subscription-index.js';
import { authorizeRoom, MAX_IDENTIFIER_LENGTH, parseRoomParams, stillAuthorized, type RoomSubscriber } from './room-channel.js';

export const CABLE_PATH = '/cable';
const PROTOCOL = 'actioncable-v1-json';
/** Turns of the ping timer per ping interval (each pings a tenth of the sockets). */
const PING_SLICES = 10;
/** Least time between two onUserOnline calls for one account (a crowd connecting queues a few runs, not one each). */
const ONLINE_CALL_MS = 1000;

/** Limits and intervals; tests shorten some of them. */
export interface CableOptions {
  db: Executor;
  log: Logger;
  bus: Bus;
  presence: Presence;
  pingMs?: number;
  /** How often every subscription's token is checked again. */
  revalidateMs?: number;
  /** Largest frame a client may send (bigger closes the socket with 1009). */
  maxPayload?: number;
  /** Largest unsent backlog per socket before it is dropped. */
  maxBuffered?: number;
  maxSubscriptions?: number;
  /** Least time between two update_presence actions of one subscription that are acted on. */
  presenceThrottleMs?: number;
  /** Connections and subscriptions per client IP and per pubsub token (0: no limit); none unless given. */
  limits?: CableLimitsConfig;
  /** Called when a user's heartbeat finds them not yet online in the account (auto-assignment runs again). */
  onUserOnline?: (accountId: number, userId: number) => void;
}

/**
 * The ActionCable server at /cable (JSON protocol): welcome, pings every 3 s, RoomChannel
 * subscribe/unsubscribe/update_presence, and broadcasts from the bus to this node's sockets.
 */
export class CableServer {
  private readonly wss: WebSocketServer;
  /** Open sockets, in PING_SLICES sets: each timer tick pings one set. */
  private readonly slices: Array<Set<CableConnection>> = Array.from({ length: PING_SLICES }, () => new Set());
  private nextSlice = 0;
  private pingTurn = 0;
  /** This node's subscriptions by stream, with their sockets. */
  private readonly index = new SubscriptionIndex();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly opts: Required<CableOptions>;
  private readonly limits: CableLimits;
  private readonly presenceFrames: PresenceBroadcaster;
  /** Accounts whose onUserOnline was called less than ONLINE_CALL_MS ago, with the user to report at the window's end. */
  private readonly onlineCalls = new Map<number, { userId: number | null; timer: NodeJS.Timeout | null }>();

  constructor(options: CableOptions) {
    this.opts = { pingMs: 3000, revalidateMs: 60_000, maxPayload: 64 * 1024, maxBuffered: 1024 * 1024, maxSubscriptions: 32, presenceThrottleMs: 1000, limits: NO_CABLE_LIMITS, onUserOnline: () => undefined, ...options };
    this.limits = new CableLimits(this.opts.limits);
    const { bus } = this.opts;
    this.presenceFrames = new PresenceBroadcaster(this.opts.db, this.opts.presence, (streams, data) => bus.publish({ kind: 'broadcast', streams, event: 'presence.update', data }));
    this.wss = new WebSocketServer({
      // No permessage-deflate: a zlib context per socket costs ~100 KB and ActionCable clients do not need it.
      noServer: true, maxPayload: this.opts.maxPayload, clientTracking: false, perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
    });
    this.opts.bus.onMessage((messages) => this.receive(messages), (accountId) => this.index.listensTo(accountId));
    this.timers.push(setInterval(() => this.ping(), this.opts.pingMs / PING_SLICES), setInterval(() => void this.revalidate(null), this.opts.revalidateMs));
    this.timers.forEach((t) => t.unref());
  }

  /** Takes the HTTP server's upgrade requests for /cable. */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (request.url ?? '').split('?')[0];
      if (path !== CABLE_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      const ip = clientIp(request);
      if (!this.limits.admitConnection(ip)) {
        socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      // Counted until the TCP socket closes, whether or not the handshake succeeds.
      socket.once('close', () => this.limits.releaseConnection(ip));
      this.wss.handleUpgrade(request, socket, head, (ws) => this.open(ws, ip));
    });
  }

  /** Number of open sockets on this node. */
  get size(): number {
    return this.slices.reduce((n, slice) => n + slice.size, 0);
  }

  /** Tells every client the server restarts, closes the sockets and stops the timers. */
  async close(): Promise<void> {
    this.timers.forEach((t) => clearInterval(t));
    this.onlineCalls.forEach((w) => clearTimeout(w.timer ?? undefined));
    this.onlineCalls.clear();
    for (const slice of this.slices) {
      for (const connection of slice) {
        connection.send({ type: 'disconnect', reason: 'server_restart', reconnect: true });
        connection.socket.close(1001);
      }
      slice.clear();
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private open(ws: WebSocket, ip: string): void {
    const connection = new CableConnection(ws, this.opts.maxBuffered, ip);
    connection.slice = this.nextSlice;
    this.nextSlice = (this.nextSlice + 1) % PING_SLICES;
    this.slices[connection.slice].add(connection);
    ws.on('message', (raw: RawData, isBinary: boolean) => this.command(connection, raw, isBinary));
    ws.on('error', (error) => this.opts.log.debug({ err: error }, 'cable socket error'));
    ws.on('close', () => this.drop(connection));
    connection.send({ type: 'welcome' });
  }

  private drop(connection: CableConnection): void {
    this.slices[connection.slice].delete(connection);
    for (const subscription of connection.subscriptions.values()) {
      this.index.remove(subscription);
      this.limits.releaseSubscription(connection.ip, subscription.subscriber.token, connection);
    }
    connection.subscriptions.clear();
  }

  /**
   * One timer for every socket, ticking PING_SLICES times per ping interval: each tick pings one slice,
   * so every socket still gets a ping per interval and no tick writes to every socket at once (which would
   * hold broadcasts back behind thousands of writes). The frame is made once per tick.
   */
  private ping(): void {
    const slice = this.slices[this.pingTurn];
    this.pingTurn = (this.pingTurn + 1) % PING_SLICES;
    if (slice.size === 0) {
      return;
    }
    const frame = Buffer.from(JSON.stringify({ type: 'ping', message: Math.floor(Date.now() / 1000) }));
    for (const connection of slice) {
      connection.sendText(frame);
    }
  }

  /** One client frame; anything malformed or unknown is ignored, never thrown. */
  private command(connection: CableConnection, raw: RawData, isBinary: boolean): void {
    if (isBinary) {
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(raw.toString());
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) {
      return;
    }
    const { command, identifier, data } = frame as Record<string, unknown>;
    if (typeof identifier !== 'string' || identifier.length > MAX_IDENTIFIER_LENGTH) {
      return;
    }
    const work = command === 'subscribe' ? this.subscribe(connection, identifier)
      : command === 'unsubscribe' ? Promise.resolve(this.unsubscribe(connection, identifier))
        : command === 'message' ? this.perform(connection, identifier, data)
          : Promise.resolve();
    work.catch((error) => this.opts.log.warn({ err: error, command }, 'cable command failed'));
  }

  private async subscribe(connection: CableConnection, identifier: string): Promise<void> {
    if (connection.subscriptions.has(identifier) || connection.pending.has(identifier)) {
      return;
    }
    if (connection.subscriptions.size + connection.pending.size >= this.opts.maxSubscriptions) {
      connection.sendStatus(identifier, 'reject_subscription');
      return;
    }
    const params = parseRoomParams(identifier);
    if (!params) {
      connection.sendStatus(identifier, 'reject_subscription');
      return;
    }
    if (!this.limits.admitSubscription(connection.ip, params.pubsubToken, connection)) {
      connection.sendStatus(identifier, 'reject_subscription');
      return;
    }
    connection.pending.add(identifier);
    let subscriber: RoomSubscriber | null;
    let subscription: Subscription;
    let kept = false;
    try {
      try {
        subscriber = await authorizeRoom(this.opts.db, params);
      } catch (error) {
        // Not the client's fault: have it reconnect and subscribe again rather than reject it for good.
        this.opts.log.warn({ err: error }, 'cable subscribe failed');
        connection.send({ type: 'disconnect', reason: 'server_restart', reconnect: true });
        connection.socket.close(1011);
        return;
      } finally {
        connection.pending.delete(identifier);
      }
      if (!connection.open) {
        return;
      }
      if (!subscriber) {
        connection.sendStatus(identifier, 'reject_subscription');
        return;
      }
      subscription = {
        identifier, subscriber, buffer: params.lastSequence === null ? null : [], replayed: params.lastSequence === null ? null : new Set(),
        lastPresenceAt: 0, head: messageHead(identifier),
      };
      connection.subscriptions.set(identifier, subscription);
      this.index.add(subscription, connection);
      kept = true;
    } finally {
      if (!kept) {
        this.limits.releaseSubscription(connection.ip, params.pubsubToken, connection);
      }
    }
    connection.sendStatus(identifier, 'confirm_subscription');
    if (params.lastSequence !== null) {
      await this.replay(connection, subscription, params.lastSequence);
    }
    await this.updatePresence(subscription);
  }

  /** Sends what a resuming client missed, then the live frames that arrived meanwhile (without repeats). */
  private async replay(connection: CableConnection, subscription: Subscription, after: number): Promise<void> {
    const { subscriber, identifier } = subscription;
    try {
      const replay = await replayFrames(this.opts.db, subscriber.accountId, subscriber.streams, after)
        .catch((error) => {
          this.opts.log.warn({ err: error }, 'cable replay failed');
          return { frames: [], resyncRequired: true };
        });
      for (const frame of replay.frames) {
        subscription.replayed?.add(frame.sequence);
        connection.sendMessage(subscription, messageBody(frame.event, frame.data));
      }
      if (replay.resyncRequired) {
        connection.sendMessage(subscription, messageBody('resync_required', { account_id: subscriber.accountId, last_sequence: after }));
      }
    } finally {
      const waiting = subscription.buffer ?? [];
      subscription.buffer = null;
      for (const frame of waiting) {
        this.sendLive(connection, subscription, frame);
      }
    }
  }

  private unsubscribe(connection: CableConnection, identifier: string): void {
    const subscription = connection.subscriptions.get(identifier);
    if (subscription) {
      connection.subscriptions.delete(identifier);
      this.index.remove(subscription);
      this.limits.releaseSubscription(connection.ip, subscription.subscriber.token, connection);
    }
  }

  /** `message` command: the only action RoomChannel has is update_presence. */
  private async perform(connection: CableConnection, identifier: string, data: unknown): Promise<void> {
    const subscription = connection.subscriptions.get(identifier);
    if (!subscription || typeof data !== 'string' || data.length > MAX_IDENTIFIER_LENGTH) {
      return;
    }
    let action: unknown;
    try {
      action = (JSON.parse(data) as { action?: unknown }).action;
    } catch {
      return;
    }
    if (action === 'update_presence' && Date.now() - subscription.lastPresenceAt >= this.opts.presenceThrottleMs) {
      await this.updatePresence(subscription);
    }
  }

  /** Refreshes the subscriber's heartbeat and sends presence.update to its own token stream. */
  private async updatePresence(subscription: Subscription): Promise<void> {
    subscription.lastPresenceAt = Date.now();
    const { subscriber } = subscription;
    const cameOnline = await this.opts.presence.touch(subscriber.accountId, subscriber.kind, subscriber.id);
    if (cameOnline && subscriber.kind === 'User') {
      this.userOnline(subscriber.accountId, subscriber.id);
    }
    await this.presenceFrames.request(subscriber.accountId, subscriber.token, subscriber.kind === 'User');
  }

  /**
   * onUserOnline at once for the first user of an account to come online, then at most once per
   * ONLINE_CALL_MS for that account: the call at the end of the window covers every user who came
   * online during it (the auto-assignment run it queues is per account and reads who is online).
   */
  private userOnline(accountId: number, userId: number): void {
    const waiting = this.onlineCalls.get(accountId);
    if (waiting) {
      waiting.userId = userId;
      return;
    }
    this.opts.onUserOnline(accountId, userId);
    const window: { userId: number | null; timer: NodeJS.Timeout | null } = { userId: null, timer: null };
    window.timer = setTimeout(() => {
      this.onlineCalls.delete(accountId);
      if (window.userId !== null) {
        this.userOnline(accountId, window.userId);
      }
    }, ONLINE_CALL_MS);
    window.timer.unref();
    this.onlineCalls.set(accountId, window);
  }

  /** Hands one publish's messages to this node's sockets, each socket's frames in one write. */
  private receive(messages: BusMessage[]): void {
    const held = new Set<CableConnection>();
    try {
      for (const message of messages) {
        if (message.kind === 'revalidate') {
          void this.revalidate(message.accountId);
        } else {
          this.broadcast(message, held);
        }
      }
    } finally {
      held.forEach((connection) => connection.release());
    }
  }

  private broadcast(message: CableBroadcast, held: Set<CableConnection>): void {
    // Serialized once for every socket; each frame is then its subscription's head, this body and `}`.
    let body: Buffer | undefined;
    for (const subscription of this.index.matching(message.streams)) {
      const connection = this.index.ownerOf(subscription);
      if (!connection) {
        continue;
      }
      if (subscription.buffer) {
        subscription.buffer.push(message);
      } else {
        body ??= messageBody(message.event, message.data);
        if (!held.has(connection) && connection.hold()) {
          held.add(connection);
        }
        this.sendLive(connection, subscription, message, body);
      }
    }
  }

  /** `body` is the frame's serialized message when the caller has it (made here otherwise). */
  private sendLive(connection: CableConnection, subscription: Subscription, frame: CableBroadcast, body?: Buffer): void {
    if (frame.sequence !== undefined && subscription.replayed?.has(frame.sequence)) {
      return;
    }
    connection.sendMessage(subscription, body ?? messageBody(frame.event, frame.data));
  }

  /** Drops (with reject_subscription) the subscriptions whose token no longer holds; all, or one account's. */
  private async revalidate(accountId: number | null): Promise<void> {
    const checked = this.index.entries().filter(([s]) => accountId === null || s.subscriber.accountId === accountId);
    if (checked.length === 0) {
      return;
    }
    let valid: Set<RoomSubscriber>;
    try {
      valid = await stillAuthorized(this.opts.db, checked.map(([s]) => s.subscriber));
    } catch (error) {
      this.opts.log.warn({ err: error }, 'cable revalidation failed');
      return;
    }
    for (const [subscription, connection] of checked) {
      if (!valid.has(subscription.subscriber) && connection.subscriptions.get(subscription.identifier) === subscription) {
        this.unsubscribe(connection, subscription.identifier);
        connection.sendStatus(subscription.identifier, 'reject_subscription');
      }
    }
  }
}
