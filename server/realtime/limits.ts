import type { IncomingMessage } from 'node:http';
import type { CableLimitsConfig } from '../env.js';
import { bump } from '../lib/counts.js';

/** No limits (tests that do not exercise them). */
export const NO_CABLE_LIMITS: CableLimitsConfig = { connectionsPerIp: 0, subscriptionsPerIp: 0, connectionsPerToken: 0, subscriptionsPerToken: 0 };

/**
 * The client address of an upgrade request, read as the HTTP app reads it (`trustProxy`):
 * the first X-Forwarded-For entry when present, else the socket's peer address.
 */
export function clientIp(request: IncomingMessage): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || request.socket.remoteAddress || 'unknown';
}

const within = (limit: number, count: number) => limit === 0 || count < limit;

/**
 * Connection and subscription counts of one node's /cable, per client IP and per pubsub
 * token, against the configured limits (0: none). A token's connections are the sockets
 * holding (or asking for) at least one subscription with it. Every admit is paired with
 * one release by the caller.
 */
export class CableLimits {
  private readonly ipConnections = new Map<string, number>();
  private readonly ipSubscriptions = new Map<string, number>();
  private readonly tokenSubscriptions = new Map<string, number>();
  /** token → socket → subscriptions of that socket with the token. */
  private readonly tokenSockets = new Map<string, Map<object, number>>();

  constructor(private readonly config: CableLimitsConfig) {}

  /** Counts a new socket from `ip`; false (nothing counted) when the IP is at its limit. */
  admitConnection(ip: string): boolean {
    if (!within(this.config.connectionsPerIp, this.ipConnections.get(ip) ?? 0)) {
      return false;
    }
    bump(this.ipConnections, ip, 1);
    return true;
  }

  releaseConnection(ip: string): void {
    bump(this.ipConnections, ip, -1);
  }

  /** Counts a subscription of `socket` (from `ip`) with `token`; false (nothing counted) when a limit is reached. */
  admitSubscription(ip: string, token: string, socket: object): boolean {
    const sockets = this.tokenSockets.get(token);
    const newSocket = !sockets?.has(socket);
    if (!within(this.config.subscriptionsPerIp, this.ipSubscriptions.get(ip) ?? 0)
      || !within(this.config.subscriptionsPerToken, this.tokenSubscriptions.get(token) ?? 0)
      || (newSocket && !within(this.config.connectionsPerToken, sockets?.size ?? 0))) {
      return false;
    }
    bump(this.ipSubscriptions, ip, 1);
    bump(this.tokenSubscriptions, token, 1);
    const map = sockets ?? new Map<object, number>();
    map.set(socket, (map.get(socket) ?? 0) + 1);
    this.tokenSockets.set(token, map);
    return true;
  }

  releaseSubscription(ip: string, token: string, socket: object): void {
    bump(this.ipSubscriptions, ip, -1);
    bump(this.tokenSubscriptions, token, -1);
    const sockets = this.tokenSockets.get(token);
    const n = (sockets?.get(socket) ?? 0) - 1;
    if (!sockets) {
      return;
    }
    if (n <= 0) {
      sockets.delete(socket);
    } else {
      sockets.set(socket, n);
    }
    if (sockets.size === 0) {
      this.tokenSockets.delete(token);
    }
  }
}
