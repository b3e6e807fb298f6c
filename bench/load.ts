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
  /** Requests per second over all connections; unset means as fast as the server answers. */
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
    ...(spec.rate ? { overallRate: Math.max(1, Math.round(spec.rate)) } : {}),
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
