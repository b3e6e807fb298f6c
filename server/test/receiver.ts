import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';
import { hmacHex, safeEqual } from '../lib/tokens.js';

/** A request the receiver got. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
  /** The status it was answered with. */
  status: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: records every request and answers
 * with the scripted statuses (200 once the script is used up). It can go down and come
 * back up on the same port.
 */
export class TestReceiver {
  readonly received: Received[] = [];
  private script: number[] = [];
  private server: Server | null = null;
  port = 0;

  /** Starts listening (on the same port as before after down()). */
  async up(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const status = this.script.shift() ?? 200;
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          body = {};
        }
        this.received.push({ path: req.url ?? '/', headers: req.headers, raw, body, status });
        res.writeHead(status, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    server.keepAliveTimeout = 1;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops listening; connections are refused until up() again. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Answers the next requests with these statuses, in order. */
  respondWith(...statuses: number[]): void {
    this.script.push(...statuses);
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Requests to one path, optionally only those with the given `event`. */
  at(path: string, event?: string): Received[] {
    return this.received.filter((r) => r.path === path && (event === undefined || r.body.event === event));
  }
}

/** Starts a receiver that closes after the test file. */
export async function startReceiver(): Promise<TestReceiver> {
  const receiver = await new TestReceiver().up();
  after(() => receiver.down());
  return receiver;
}

/** True when the request carries a valid Chatwoot signature for the secret. */
export function signatureValid(request: Received, secret: string): boolean {
  const timestamp = String(request.headers['x-chatwoot-timestamp'] ?? '');
  const signature = String(request.headers['x-chatwoot-signature'] ?? '');
  return timestamp !== '' && safeEqual(signature, `sha256=${hmacHex(secret, `${timestamp}.${request.raw}`)}`);
}

/** True when `X-Chatwoot-Signature-Previous` (sent during a secret rotation's overlap window) verifies with `secret`. */
export function previousSignatureValid(request: Received, secret: string): boolean {
  const timestamp = String(request.headers['x-chatwoot-timestamp'] ?? '');
  const signature = String(request.headers['x-chatwoot-signature-previous'] ?? '');
  return timestamp !== '' && safeEqual(signature, `sha256=${hmacHex(secret, `${timestamp}.${request.raw}`)}`);
}
