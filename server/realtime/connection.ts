import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import type { CableBroadcast } from './bus.js';
import type { RoomSubscriber } from './room-channel.js';

/** A confirmed RoomChannel subscription of one socket. */
export interface Subscription {
  /** The identifier string exactly as the client sent it (echoed byte for byte). */
  identifier: string;
  subscriber: RoomSubscriber;
  /** While a resume replays, live frames wait here; null once live. */
  buffer: CableBroadcast[] | null;
  /** Sequences sent by the replay, so the same event arriving live is not sent twice (null: no replay asked). */
  replayed: Set<number> | null;
  lastPresenceAt: number;
  /** `{"identifier":…,"message":` as UTF-8, the start of every broadcast frame of this subscription. */
  head: Buffer;
}

/** Options of a text frame (a Buffer is otherwise sent as binary). */
const TEXT = { binary: false };
const MESSAGE_TAIL = Buffer.from('}');

/** The start of a subscription's broadcast frames (Rails: `{"identifier":…,"message":{…}}`). */
export function messageHead(identifier: string): Buffer {
  return Buffer.from(`{"identifier":${JSON.stringify(identifier)},"message":`);
}

/** `{"event":…,"data":…}` as UTF-8: serialized once per broadcast, whatever the number of sockets. */
export function messageBody(event: string, data: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ event, data }));
}

/** One websocket: its subscriptions and a bounded send buffer. */
export class CableConnection {
  readonly subscriptions = new Map<string, Subscription>();
  /** Identifiers whose subscribe is being authorized. */
  readonly pending = new Set<string>();
  /** Which of the server's ping slices holds this socket. */
  slice = 0;

  /** `ip` is the client address the limits count against. */
  constructor(readonly socket: WebSocket, private readonly maxBuffered: number, readonly ip = '') {}

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends one JSON frame; a client that does not read (send buffer over the limit) is disconnected. */
  send(frame: unknown): void {
    this.sendText(JSON.stringify(frame));
  }

  /** Sends one frame already serialized (a Buffer holds UTF-8 JSON and goes out as a text frame, uncopied). */
  sendText(text: string | Buffer): void {
    if (!this.open) {
      return;
    }
    if (this.socket.bufferedAmount > this.maxBuffered) {
      this.socket.terminate();
      return;
    }
    this.socket.send(text, TEXT);
  }

  /**
   * Holds the frames sent until release() in the TCP socket, to leave in one write: an outbox
   * batch sends a socket several frames (a message makes message.created, conversation.updated,
   * contact.updated…), and one write per socket instead of one per frame is most of the cost of
   * fanning out to many sockets. Returns false when it cannot hold them (they then go one by one).
   */
  hold(): boolean {
    const tcp = this.tcp();
    if (!tcp || !this.open) {
      return false;
    }
    tcp.cork();
    return true;
  }

  /** Writes what hold() kept. */
  release(): void {
    this.tcp()?.uncork();
  }

  /** ws keeps its TCP socket in `_socket` (absent before the handshake or on another transport). */
  private tcp(): Duplex | null {
    const tcp = (this.socket as unknown as { _socket?: Duplex })._socket;
    return tcp && typeof tcp.cork === 'function' ? tcp : null;
  }

  /** `{"identifier":…,"type":"confirm_subscription"|"reject_subscription"}`. */
  sendStatus(identifier: string, type: 'confirm_subscription' | 'reject_subscription'): void {
    this.send({ identifier, type });
  }

  /** A broadcast as Rails frames it: `{"identifier":…,"message":{"event":…,"data":…}}`, from the body serialized once. */
  sendMessage(subscription: Subscription, body: Buffer): void {
    this.sendText(Buffer.concat([subscription.head, body, MESSAGE_TAIL], subscription.head.length + body.length + 1));
  }
}
