import { WebSocket } from 'ws';
import type { RoomSubscriber } from './room-channel.js';

/** A confirmed RoomChannel subscription of one socket. */
export interface Subscription {
  /** The identifier string exactly as the client sent it (echoed byte for byte). */
  identifier: string;
  subscriber: RoomSubscriber;
  /** While a resume replays, live frames wait here; null once live. */
  buffer: Array<{ event: string; data: Record<string, unknown>; sequence?: number }> | null;
  /** Sequences sent by the replay, so the same event arriving live is not sent twice. */
  replayed: Set<number>;
  lastPresenceAt: number;
}

/** One websocket: its subscriptions and a bounded send buffer. */
export class CableConnection {
  readonly subscriptions = new Map<string, Subscription>();
  /** Identifiers whose subscribe is being authorized. */
  readonly pending = new Set<string>();

  /** `ip` is the client address the limits count against. */
  constructor(readonly socket: WebSocket, private readonly maxBuffered: number, readonly ip = '') {}

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends one JSON frame; a client that does not read (send buffer over the limit) is disconnected. */
  send(frame: unknown): void {
    if (!this.open) {
      return;
    }
    if (this.socket.bufferedAmount > this.maxBuffered) {
      this.socket.terminate();
      return;
    }
    this.socket.send(JSON.stringify(frame));
  }

  /** `{"identifier":…,"type":"confirm_subscription"|"reject_subscription"}`. */
  sendStatus(identifier: string, type: 'confirm_subscription' | 'reject_subscription'): void {
    this.send({ identifier, type });
  }

  /** A broadcast as Rails frames it: `{"identifier":…,"message":{"event":…,"data":…}}`. */
  sendMessage(identifier: string, event: string, data: Record<string, unknown>): void {
    this.send({ identifier, message: { event, data } });
  }
}
