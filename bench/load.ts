import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import { latencySummary } from './results.js';

/** The next request of a load loop (path and, for writes, a JSON body). */
export interface NextRequest {
  path: string;
  body?: string;
}

/** One bounded load phase against a loopback port. */
export interface LoadSpec {
  port: number;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Called for every request: where it goes and what it carries. */
  next: () => NextRequest;
  connections: number;
  seconds: number;
  /** Requests per second over all connections (autocannon's overallRate); unset means as fast as the server answers. */
  rate?: number;
}

/** What a phase measured. Latencies are of 2xx answers only. */
export interface LoadResult {
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  /** 2xx answers per second. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  latencies: number[];
}

/** The hard cap on requests of one phase, whatever its duration (every loop is bounded in count). */
export const MAX_REQUESTS_PER_SECOND = 100_000;

/** Runs one phase with autocannon from this process; bounded by `seconds` and by a request count. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  const options: autocannon.Options = {
    url: `http://127.0.0.1:${spec.port}`,
    connections: spec.connections,
    duration: spec.seconds,
    maxOverallRequests: Math.ceil(MAX_REQUESTS_PER_SECOND * spec.seconds),
    timeout: 10,
    ...(spec.rate !== undefined ? { overallRate: Math.max(1, Math.round(spec.rate)) } : {}),
    requests: [{
      method: spec.method,
      headers: { ...spec.headers, ...(spec.method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      setupRequest: (request) => ({ ...request, ...spec.next() }),
    }],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) {
        latencies.push(responseTime);
      } else {
        non2xx += 1;
      }
    });
  });
  const seconds = result.duration || spec.seconds;
  const { p50, p95, p99 } = latencySummary(latencies);
  return {
    ok: latencies.length, non2xx, errors: result.errors + result.timeouts, seconds,
    throughput: latencies.length / seconds, p50, p95, p99, latencies,
  };
}

/** A one-line description of a phase for the notes under the table. */
export function describeLoad(label: string, r: LoadResult): string {
  const failures = r.non2xx + r.errors > 0 ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : '';
  return `${label}: ${r.ok} ok in ${r.seconds.toFixed(1)} s = ${r.throughput.toFixed(0)}/s, p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms${failures}`;
}

/** One request of a paced phase: resolves with its status (0 on a connection error). */
function send(agent: Agent, spec: LoadSpec, next: NextRequest): Promise<number> {
  return new Promise((resolve) => {
    const body = next.body ?? '';
    const req = request({
      host: '127.0.0.1', port: spec.port, path: next.path, method: spec.method, agent, timeout: 10_000,
      headers: { ...spec.headers, ...(spec.method === 'POST' ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}

/**
 * An open-loop phase at a steady `rate`: request i is due at start + i/rate, whatever happened to
 * the others, over at most `connections` keep-alive sockets; latency counts from the due time, so
 * waiting for a free socket counts too. (autocannon's overallRate sends each connection's quota
 * back to back at the start of every second, which measures bursts, not a steady rate.)
 */
export async function runPaced(spec: LoadSpec & { rate: number }): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const total = Math.min(Math.ceil(spec.rate * spec.seconds), Math.ceil(MAX_REQUESTS_PER_SECOND * spec.seconds));
  const started = performance.now();
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  await paced(total, spec.rate, (_i, due) => send(agent, spec, spec.next()).then((status) => {
    if (status >= 200 && status < 300) {
      latencies.push(performance.now() - due);
    } else if (status === 0) {
      errors += 1;
    } else {
      non2xx += 1;
    }
  }));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const { p50, p95, p99 } = latencySummary(latencies);
  return { ok: latencies.length, non2xx, errors, seconds, throughput: latencies.length / seconds, p50, p95, p99, latencies };
}

/**
 * Starts `total` requests at a steady `rate`: request i is due at start + i/rate (open loop,
 * whatever happened to the others) and `start(i, due)` begins it (`due` on performance.now()'s
 * clock, to measure latency from); resolves once every one has settled. `before(i)`, when given,
 * runs first and holds the loop until done (a server restart in the middle of a phase).
 */
export async function paced(total: number, rate: number, start: (i: number, due: number) => Promise<unknown>, before?: (i: number) => Promise<void>): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) {
      await new Promise((r) => setTimeout(r, wait));
    }
    await before?.(i);
    pending.push(start(i, due));
  }
  await Promise.all(pending);
}
