import type { AddressInfo } from 'node:net';
import { after } from 'node:test';
import { WebSocket } from 'ws';
import { RealtimeConsumer } from '../consumers/realtime.js';
import type { TestApp } from '../test/harness.js';
import { LocalBus } from './bus.js';
import { CableServer, type CableOptions } from './cable.js';

/** Generous deadline for an expected frame; tests never wait for the absence of one. */
export const FRAME_DEADLINE_MS = 30_000;

/** A test app serving /cable on a random port, with the realtime consumer on its dispatcher. */
export interface CableTestServer {
  url: string;
  cable: CableServer;
  bus: LocalBus;
  /** Publishes a marker frame to `token`'s stream: once a client has it, every frame sent before it has arrived. */
  barrier(token: string): Promise<string>;
}

const started = new WeakMap<TestApp, Promise<CableTestServer>>();
let barriers = 0;

/** Starts (once per test app) the cable server and the realtime consumer for a test file. */
export function startCable(t: TestApp, options: Partial<CableOptions> = {}): Promise<CableTestServer> {
  let server = started.get(t);
  if (!server) {
    server = (async () => {
      const bus = new LocalBus();
      t.deps.dispatcher.register(new RealtimeConsumer(t.deps.db, bus));
      const cable = new CableServer({ db: t.deps.db.kysely, log: t.deps.log, bus, presence: t.deps.presence, ...options });
      cable.attach(t.app.server);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      after(() => cable.close());
      const { port } = t.app.server.address() as AddressInfo;
      const barrier = async (token: string) => {
        const marker = `barrier-${++barriers}`;
        await t.deps.dispatcher.drain();
        await bus.publish({ kind: 'broadcast', streams: [token], event: 'test.barrier', data: { marker } });
        return marker;
      };
      return { url: `ws://127.0.0.1:${port}/cable`, cable, bus, barrier };
    })();
    started.set(t, server);
  }
  return server;
}

/** A parsed server frame. */
export type CableFrame = Record<string, unknown> & { type?: string; identifier?: string; message?: { event: string; data: Record<string, unknown> } };

/** A raw `ws` client that records every frame and waits for the ones a test expects. */
export class RawCableClient {
  readonly frames: CableFrame[] = [];
  private waiters: Array<() => void> = [];
  closed = false;
  closeCode: number | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      this.frames.push(JSON.parse(raw.toString()) as CableFrame);
      this.wake();
    });
    socket.on('close', (code) => {
      this.closed = true;
      this.closeCode = code;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  /** Opens a socket offering ActionCable's subprotocols (or the given ones), with extra request headers. */
  static async connect(url: string, protocols: string[] = ['actioncable-v1-json', 'actioncable-unsupported'], headers: Record<string, string> = {}): Promise<RawCableClient> {
    const socket = new WebSocket(url, protocols, { headers });
    const client = new RawCableClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    after(() => socket.terminate());
    return client;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  subscribe(identifier: string): void {
    this.send({ command: 'subscribe', identifier });
  }

  /** The first frame (from `from` on) matching `match`, waiting up to the deadline. */
  async next(match: (frame: CableFrame) => boolean, from = 0, deadlineMs = FRAME_DEADLINE_MS): Promise<CableFrame> {
    const until = Date.now() + deadlineMs;
    for (;;) {
      const found = this.frames.slice(from).find(match);
      if (found) {
        return found;
      }
      if (this.closed) {
        throw new Error(`socket closed (${this.closeCode}) while waiting; frames: ${JSON.stringify(this.frames.slice(-5))}`);
      }
      const left = until - Date.now();
      if (left <= 0) {
        throw new Error(`no matching frame within ${deadlineMs} ms; last frames: ${JSON.stringify(this.frames.slice(-5))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for a broadcast of `event` (optionally matching `where` on its data). */
  event(event: string, where: (data: Record<string, unknown>) => boolean = () => true, from = 0): Promise<CableFrame> {
    return this.next((f) => f.message?.event === event && where(f.message.data), from);
  }

  /** Waits for the barrier marker; afterwards `events()` holds everything sent before it. */
  async through(marker: string): Promise<void> {
    await this.event('test.barrier', (d) => d.marker === marker);
  }

  /** Broadcast frames received so far, optionally of one event name. */
  events(name?: string): Array<{ event: string; data: Record<string, unknown> }> {
    return this.frames.flatMap((f) => (f.message && (name === undefined || f.message.event === name) ? [f.message] : []));
  }

  /** Subscribes and waits for the confirmation or rejection; returns its type. */
  async subscribed(identifier: string): Promise<string> {
    const from = this.frames.length;
    this.subscribe(identifier);
    const frame = await this.next((f) => f.identifier === identifier && (f.type === 'confirm_subscription' || f.type === 'reject_subscription'), from);
    return frame.type as string;
  }
}
