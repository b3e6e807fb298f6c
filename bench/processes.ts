import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNodeProcess, startParleyServer, type NodeProcess } from '../server/test/server-process.js';

/** The compiled tree this file runs from (dist/ or a private build folder). */
const DIST = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CEILING_SERVER = join(DIST, 'bench', 'ceiling-server.js');

/** One GET on loopback; resolves with the status and body (never rejects: status 0 on a connection error or after `timeoutMs`). */
export function httpGet(port: number, path: string, headers: Record<string, string> = {}, timeoutMs = 5000): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** One JSON request on loopback (any method); resolves with the status and body text. */
export function httpJson(port: number, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, path, method, timeout: 30_000,
      headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} took more than 30 s`)));
    req.end(payload);
  });
}

/** Resident set size (VmRSS) or its peak (VmHWM) of a live process, in MB; NaN when unreadable. */
export function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a live process has used so far, in ms; NaN when unreadable. */
export function cpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream build). */
const CLOCK_TICKS_PER_SECOND = 100;

/** A child process the bench started and must stop. */
export type Child = NodeProcess;

const running = new Set<Child>();

/** Stops every child still running (on exit or interrupt). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
}

/**
 * Extra node flags for every child, from PARLEY_BENCH_NODE_FLAGS (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof" to profile the servers under load; node refuses those in NODE_OPTIONS).
 */
const CHILD_NODE_FLAGS = (process.env.PARLEY_BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

/**
 * How the bench differs from the tests when it starts a process (same helper, other settings):
 * it polls every 5 ms because time-to-first-200 is a measured result, stops children within
 * 5 s, adds PARLEY_BENCH_NODE_FLAGS, and keeps every child in `running` so an interrupted run
 * stops them all.
 */
const BENCH_PROCESS = { nodeFlags: CHILD_NODE_FLAGS, pollMs: 5, startTimeoutMs: 30_000, stopGraceMs: 5000 };

/** Keeps `child` in `running` until it is stopped; returns it with its start time. */
function track(child: Child): { child: Child; seconds: number } {
  running.add(child);
  const stop = child.stop;
  child.stop = () => {
    running.delete(child);
    return stop();
  };
  return { child, seconds: child.startSeconds };
}

/** What a Parley server child needs from its environment. */
export interface ServerEnv {
  databaseUrl: string;
  redisUrl: string | null;
  dataDir: string;
  secretKeyBase: string;
}

/** Starts `node dist/server/cli.js serve` on a free loopback port and waits for /health; returns it with its start time. */
export async function startServer(env: ServerEnv): Promise<{ child: Child; seconds: number }> {
  return track(await startParleyServer({
    ...BENCH_PROCESS, databaseUrl: env.databaseUrl, redisUrl: env.redisUrl, dataDir: env.dataDir, secretKeyBase: env.secretKeyBase,
    env: {
      NODE_ENV: 'production',
      // Every bench socket comes from 127.0.0.1 and ws_idle holds thousands: no per-IP or per-token limits.
      CABLE_MAX_CONNECTIONS_PER_IP: '0', CABLE_MAX_SUBSCRIPTIONS_PER_IP: '0', CABLE_MAX_CONNECTIONS_PER_TOKEN: '0', CABLE_MAX_SUBSCRIPTIONS_PER_TOKEN: '0',
    },
  }));
}

/** Starts the bare Fastify ceiling server; returns it with its time to the first 200. */
export async function startCeilingServer(): Promise<{ child: Child; seconds: number }> {
  return track(await startNodeProcess({ ...BENCH_PROCESS, script: CEILING_SERVER, readyPath: '/json/16' }));
}
