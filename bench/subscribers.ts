import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { httpJson } from './processes.js';

const PROTOCOL = 'actioncable-v1-json';

/** What a RoomChannel subscription of a user needs. */
export interface RoomUser {
  pubsubToken: string;
  accountId: number;
  userId: number;
}

/** An ActionCable client on /cable subscribed to a user's RoomChannel; counts the events it receives by name. */
export class CableSubscriber {
  readonly counts = new Map<string, number>();
  /** message.created events received again with a message id already seen (a delivery more than once). */
  duplicates = 0;
  private readonly seen = new Set<string>();
  /** Arrival time (hrtime ns) of each event when `stamp` is on. */
  readonly arrivals: bigint[] = [];
  private constructor(readonly socket: WebSocket, private readonly stamp: boolean) {}

  /** Connects, subscribes and resolves once the subscription is confirmed (rejects after 10 s). */
  static connect(port: number, user: RoomUser, stamp = false): Promise<CableSubscriber> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/cable`, [PROTOCOL]);
    const subscriber = new CableSubscriber(socket, stamp);
    const identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: user.pubsubToken, account_id: user.accountId, user_id: user.userId });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no subscription confirmation from /cable within 10 s')), 10_000);
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('message', (raw) => {
        const frame = JSON.parse(raw.toString()) as { type?: string; message?: { event?: string; data?: { id?: unknown } } };
        if (frame.type === 'welcome') {
          socket.send(JSON.stringify({ command: 'subscribe', identifier }));
        } else if (frame.type === 'confirm_subscription') {
          clearTimeout(timer);
          resolve(subscriber);
        } else if (frame.type === 'reject_subscription') {
          clearTimeout(timer);
          reject(new Error('/cable rejected the subscription'));
        } else if (frame.message?.event) {
          subscriber.received(frame.message.event, frame.message.data?.id);
        }
      });
    });
  }

  private received(event: string, id: unknown): void {
    this.counts.set(event, (this.counts.get(event) ?? 0) + 1);
    if (event === 'message.created' && id !== undefined && id !== null) {
      const key = String(id);
      this.duplicates += this.seen.has(key) ? 1 : 0;
      this.seen.add(key);
    }
    if (this.stamp) {
      this.arrivals.push(process.hrtime.bigint());
    }
  }

  count(event: string): number {
    return this.counts.get(event) ?? 0;
  }

  close(): void {
    this.socket.terminate();
  }
}

/** A loopback HTTP endpoint that takes webhook POSTs and counts them by `event`. */
export class WebhookReceiver {
  readonly counts = new Map<string, number>();
  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        try {
          const event = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { event?: unknown }).event);
          receiver.counts.set(event, (receiver.counts.get(event) ?? 0) + 1);
        } catch {
          receiver.counts.set('unparsable', (receiver.counts.get('unparsable') ?? 0) + 1);
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  count(event: string): number {
    return this.counts.get(event) ?? 0;
  }

  /** Subscribes the account's webhook to `events` through the API; false when the server has no webhooks API. */
  async register(port: number, accountId: number, token: string, events: string[]): Promise<boolean> {
    const res = await httpJson(port, 'POST', `/api/v1/accounts/${accountId}/webhooks`, { url: this.url, subscriptions: events }, { api_access_token: token });
    return res.status === 200;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Waits until `done()` holds or `timeoutMs` passes; returns whether it held. */
export async function waitUntil(done: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) {
      return false;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return true;
}
