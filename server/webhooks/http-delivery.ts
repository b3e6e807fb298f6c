import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { hmacHex } from '../lib/tokens.js';

/** Chatwoot's default WEBHOOK_TIMEOUT: 5 s to connect and 5 s to answer. */
export const DELIVERY_TIMEOUT_MS = 5000;

/** One signed POST to send. */
export interface DeliveryRequest {
  url: string;
  /** The raw JSON body; the signature covers exactly these bytes. */
  body: string;
  secret: string | null;
  /** A rotated-out secret still in its overlap window: signs X-Chatwoot-Signature-Previous. */
  previousSecret?: string | null;
  deliveryId: string;
  /** Refuse loopback, private and link-local targets (the SSRF guard). */
  refusePrivate: boolean;
  timeoutMs?: number;
}

/** How an attempt went. `retryable` is true for network errors, timeouts, 429 and 5xx. */
export interface DeliveryOutcome {
  ok: boolean;
  retryable: boolean;
  status: number | null;
  latencyMs: number;
  error: string | null;
}

/** Addresses a webhook may not reach unless the operator allows private targets. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/** True when the address is loopback, private, link-local, multicast or unspecified (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) {
    return PRIVATE.check(mapped[1], 'ipv4');
  }
  const family = isIP(address);
  if (family === 0) {
    return true;
  }
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Error raised when the guard refuses a target; never retried. */
export class RefusedTargetError extends Error {}

/** A DNS lookup that refuses hosts resolving to private addresses, so the checked address is the one connected to. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) {
      callback(new RefusedTargetError(`refused private address ${refused.address} for ${hostname}`), '', 0);
      return;
    }
    if (options.all) {
      (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return;
    }
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/** The header carrying the signature made with the previous secret during a rotation's overlap window. */
export const PREVIOUS_SIGNATURE_HEADER = 'X-Chatwoot-Signature-Previous';

/**
 * The headers of one attempt: a fresh timestamp and signature, the same delivery id every time.
 * `X-Chatwoot-Signature` is always made with the current secret, as Chatwoot does; during a
 * rotation's overlap window `X-Chatwoot-Signature-Previous` carries the same signature made with
 * the previous secret, so a receiver still holding it can verify (see docs/WEBHOOKS.md).
 */
export function signedHeaders(body: string, secret: string | null, deliveryId: string, at = Date.now(), previousSecret: string | null = null): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'User-Agent': 'Parley-Webhooks',
    'X-Chatwoot-Delivery': deliveryId,
  };
  if (secret) {
    const timestamp = String(Math.floor(at / 1000));
    headers['X-Chatwoot-Timestamp'] = timestamp;
    headers['X-Chatwoot-Signature'] = `sha256=${hmacHex(secret, `${timestamp}.${body}`)}`;
    if (previousSecret && previousSecret !== secret) {
      headers[PREVIOUS_SIGNATURE_HEADER] = `sha256=${hmacHex(previousSecret, `${timestamp}.${body}`)}`;
    }
  }
  return headers;
}

function refusal(url: URL, refusePrivate: boolean): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `unsupported scheme ${url.protocol}`;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (refusePrivate && (isIP(host) !== 0 ? isPrivateAddress(host) : host === 'localhost' || host.endsWith('.localhost'))) {
    return `refused private address ${host}`;
  }
  return null;
}

/** POSTs the body once, signed; never throws. Redirects are not followed (a 3xx is a failure). */
export function deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
  const started = performance.now();
  const done = (ok: boolean, retryable: boolean, status: number | null, error: string | null): DeliveryOutcome =>
    ({ ok, retryable, status, latencyMs: Math.round(performance.now() - started), error });
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return Promise.resolve(done(false, false, null, 'invalid URL'));
  }
  const refused = refusal(url, request.refusePrivate);
  if (refused) {
    return Promise.resolve(done(false, false, null, refused));
  }
  const timeout = request.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = client.request(url, {
      method: 'POST',
      headers: { ...signedHeaders(request.body, request.secret, request.deliveryId, Date.now(), request.previousSecret ?? null), 'Content-Length': Buffer.byteLength(request.body) },
      timeout,
      ...(request.refusePrivate ? { lookup: guardedLookup } : {}),
    }, (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => {
        const ok = status >= 200 && status < 300;
        resolve(done(ok, !ok && (status === 429 || status >= 500), status, ok ? null : `HTTP ${status}`));
      });
      res.on('error', (error) => resolve(done(false, true, status, error.message)));
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeout} ms`)));
    req.on('error', (error) => resolve(done(false, !(error instanceof RefusedTargetError), null, error.message)));
    req.end(request.body);
  });
}
