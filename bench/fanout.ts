import { WebSocket } from 'ws';
import type { RoomUser } from './subscribers.js';

const PROTOCOL = 'actioncable-v1-json';
/** Sockets opened at once while connecting a crowd. */
const CONNECT_BATCH = 50;
const MARK = /fanout-mark-(\d+)-/;

/** The marker a fan-out event carries in its body, so that each socket can tell which event a frame is. */
export function fanoutMarker(k: number): string {
  return `fanout-mark-${k}-`;
}

/**
 * Many websocket clients in this process. Each frame carrying a fan-out marker is timed
 * against the moment its event was sent (`sent(k)`); other frames (welcome, pings) are ignored.
 */
export class SocketCrowd {
  readonly sockets: WebSocket[] = [];
  /** Size of the first timed frame (the fan-out ceiling sends frames of this size). */
  frameBytes = 0;
  readonly latencies: number[] = [];
  delivered = 0;
  private readonly sentAt = new Map<number, bigint>();
  lastArrival = 0n;

  /** `event` is the event name a timed frame must carry (other frames with the marker are ignored). */
  constructor(private readonly event: string) {}

  /** Forgets the figures so far (a new phase starts). */
  reset(): void {
    this.latencies.length = 0;
    this.delivered = 0;
    this.lastArrival = 0n;
    this.sentAt.clear();
  }

  /** Records when event k left the sender. */
  sent(k: number): void {
    this.sentAt.set(k, process.hrtime.bigint());
  }

  private onFrame(raw: string): void {
    const match = raw.includes(`"event":"${this.event}"`) ? MARK.exec(raw) : null;
    const at = match ? this.sentAt.get(Number(match[1])) : undefined;
    if (at !== undefined) {
      this.lastArrival = process.hrtime.bigint();
      this.frameBytes ||= Buffer.byteLength(raw);
      this.delivered += 1;
      this.latencies.push(Number(this.lastArrival - at) / 1e6);
    }
  }

  /** Opens one socket; with `user`, subscribes it to RoomChannel and resolves on confirmation. */
  private open(url: string, user: RoomUser | null): Promise<void> {
    const socket = new WebSocket(url, user ? [PROTOCOL] : []);
    this.sockets.push(socket);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socket ${this.sockets.length} not ready within 15 s`)), 15_000);
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('open', () => {
        if (!user) {
          clearTimeout(timer);
          resolve();
        }
      });
      socket.on('message', (data) => {
        const raw = data.toString();
        if (user && raw.startsWith('{"type":"welcome"')) {
          socket.send(JSON.stringify({ command: 'subscribe', identifier: JSON.stringify({ channel: 'RoomChannel', pubsub_token: user.pubsubToken, account_id: user.accountId, user_id: user.userId }) }));
        } else if (user && raw.includes('"type":"confirm_subscription"')) {
          clearTimeout(timer);
          resolve();
        } else if (raw.includes('"type":"reject_subscription"')) {
          reject(new Error('/cable rejected a subscription'));
        } else {
          this.onFrame(raw);
        }
      });
    });
  }

  /** Connects one socket per user (Parley's /cable) or `count` plain sockets (raw ws), in batches. */
  async connect(url: string, users: RoomUser[] | null, count: number): Promise<void> {
    for (let i = 0; i < count; i += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, (_, j) => this.open(url, users ? users[i + j] : null));
      await Promise.all(batch);
    }
  }

  close(): void {
    this.sockets.forEach((s) => s.terminate());
    this.sockets.length = 0;
  }
}
