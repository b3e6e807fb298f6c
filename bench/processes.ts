import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/lib/net.js';

/** The compiled tree this file runs from (dist/ or a private build folder). */
const DIST = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_CLI = join(DIST, 'server', 'cli.js');
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

/** A child process the bench started and must stop. */
export interface Child {
  process: ChildProcess;
  port: number;
  pid: number;
  /** The last lines it printed (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

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

/** Spawns `node <script> <args>` with its output kept in a small ring buffer. */
export function spawnNode(script: string, args: string[], env: Record<string, string>, port: number): Child {
  const proc = spawn(process.execPath, [...CHILD_NODE_FLAGS, script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 30));
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const child: Child = {
    process: proc, port, pid: proc.pid ?? -1,
    output: () => lines.join('\n'),
    stop: async () => {
      running.delete(child);
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const killer = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
  running.add(child);
  return child;
}

/** Polls `path` until it answers 200; returns the seconds since `startedAt` (hrtime ns). Throws after `timeoutMs`. */
export async function waitFor200(child: Child, path: string, startedAt: bigint, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(`process exited with ${child.process.exitCode} before answering:\n${child.output()}`);
    }
    const { status } = await httpGet(child.port, path);
    if (status === 200) {
      return Number(process.hrtime.bigint() - startedAt) / 1e9;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no 200 on ${path} within ${timeoutMs} ms:\n${child.output()}`);
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
  const port = await freePort();
  const startedAt = process.hrtime.bigint();
  const child = spawnNode(SERVER_CLI, ['serve'], {
    DATABASE_URL: env.databaseUrl, PORT: String(port), HOST: '127.0.0.1', PARLEY_DATA_DIR: env.dataDir,
    SECRET_KEY_BASE: env.secretKeyBase, LOG_LEVEL: 'warn', ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true',
    NODE_ENV: 'production', ...(env.redisUrl ? { REDIS_URL: env.redisUrl } : { REDIS_URL: '' }),
    // Every bench socket comes from 127.0.0.1 and ws_idle holds thousands: no per-IP or per-token limits.
    CABLE_MAX_CONNECTIONS_PER_IP: '0', CABLE_MAX_SUBSCRIPTIONS_PER_IP: '0', CABLE_MAX_CONNECTIONS_PER_TOKEN: '0', CABLE_MAX_SUBSCRIPTIONS_PER_TOKEN: '0',
  }, port);
  try {
    const seconds = await waitFor200(child, '/health', startedAt);
    return { child, seconds };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** Starts the bare Fastify ceiling server; returns it with its time to the first 200. */
export async function startCeilingServer(): Promise<{ child: Child; seconds: number }> {
  const port = await freePort();
  const startedAt = process.hrtime.bigint();
  const child = spawnNode(CEILING_SERVER, [], { PORT: String(port) }, port);
  try {
    const seconds = await waitFor200(child, '/json/16', startedAt);
    return { child, seconds };
  } catch (error) {
    await child.stop();
    throw error;
  }
}
