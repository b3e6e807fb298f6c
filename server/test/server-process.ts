import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../lib/net.js';

/** `server/cli.js` of the compiled tree this file runs from (dist/, or a private build folder of the bench). */
export const SERVER_CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

/** How a process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A real node process serving HTTP on a loopback port. */
export interface NodeProcess {
  process: ChildProcess;
  pid: number;
  port: number;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** Seconds from spawning to the first 200 on the ready path. */
  startSeconds: number;
  /** Resolves when the process has exited, however it ended (a `kill -9` included). */
  exited: Promise<Exit>;
  /** The last lines it printed on stdout and stderr (for failure messages). */
  output(): string;
  /** SIGTERM (SIGKILL if it is still running after the grace period), then cleans up; safe to call twice. */
  stop(): Promise<Exit>;
}

export interface NodeProcessOptions {
  /** The script `node` runs, and its arguments. */
  script: string;
  args?: string[];
  /** Added to this process's environment; an `undefined` value removes the variable. */
  env?: Record<string, string | undefined>;
  /** The port it listens on (it must take it from its env); a free one when omitted, passed as PORT. */
  port?: number;
  /** Polled until it answers 200 (default `/health`). */
  readyPath?: string;
  /** Extra node flags (e.g. `--cpu-prof`). */
  nodeFlags?: string[];
  /** Gives up starting after this long (default 60 s: the machines running tests are busy). */
  startTimeoutMs?: number;
  /** Between two polls of the ready path (default 50 ms; the bench measures start-up time with 5). */
  pollMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL (default 15 s). */
  stopGraceMs?: number;
  /** Runs once the process has exited on stop() (temp folders, databases). */
  cleanup?: () => Promise<void> | void;
}

const KEPT_LINES = 200;

/** One GET on loopback; the status, or 0 on a connection error or timeout. */
function statusOf(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Spawns `node <script>` and resolves once `readyPath` answers 200; rejects (and stops it) if it exits or times out first. */
export async function startNodeProcess(options: NodeProcessOptions): Promise<NodeProcess> {
  const port = options.port ?? await freePort();
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), ...options.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) {
      delete env[key];
    }
  }
  const startedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), options.script, ...(options.args ?? [])], {
    env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - KEPT_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stopping: Promise<Exit> | null = null;
  const server: NodeProcess = {
    process: child,
    pid: child.pid ?? -1,
    port,
    base: `http://127.0.0.1:${port}`,
    startSeconds: 0,
    exited,
    output: () => lines.join('\n'),
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), options.stopGraceMs ?? 15_000);
          await exited;
          clearTimeout(killer);
        }
        await options.cleanup?.();
        return exited;
      })();
      return stopping;
    },
  };
  const readyPath = options.readyPath ?? '/health';
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await server.stop();
      throw new Error(`${options.script} exited (${child.exitCode ?? child.signalCode}) before ${readyPath} answered:\n${server.output()}`);
    }
    if (await statusOf(port, readyPath) === 200) {
      server.startSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      return server;
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${options.script}: no 200 on ${readyPath} within ${options.startTimeoutMs ?? 60_000} ms:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
  }
}

export interface ParleyServerOptions extends Omit<NodeProcessOptions, 'script' | 'args' | 'readyPath'> {
  databaseUrl: string;
  /** BullMQ and Redis pub/sub when set; otherwise the process runs without Redis even if this one has REDIS_URL. */
  redisUrl?: string | null;
  /** Default: a fixed test secret (set the same one to build tokens beside the server). */
  secretKeyBase?: string;
  /** PARLEY_DATA_DIR; default a temp folder of its own, removed on stop(). */
  dataDir?: string;
}

/**
 * `parley serve` as a real process on its own loopback port, ready once /health answers:
 * `LOG_LEVEL=warn`, private webhook targets allowed (tests use local receivers) and
 * FRONTEND_URL pointing at itself. `env` adds to or overrides that.
 */
export async function startParleyServer(options: ParleyServerOptions): Promise<NodeProcess> {
  const ownDataDir = options.dataDir ? null : mkdtempSync(join(tmpdir(), 'parley-serve-'));
  const port = options.port ?? await freePort();
  return startNodeProcess({
    ...options,
    script: SERVER_CLI,
    args: ['serve'],
    port,
    env: {
      DATABASE_URL: options.databaseUrl, REDIS_URL: options.redisUrl ?? '', HOST: '127.0.0.1',
      PARLEY_DATA_DIR: options.dataDir ?? ownDataDir ?? undefined, SECRET_KEY_BASE: options.secretKeyBase ?? 'test-secret-key-base',
      FRONTEND_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn', ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true',
      ...options.env,
    },
    cleanup: async () => {
      await options.cleanup?.();
      if (ownDataDir) {
        rmSync(ownDataDir, { recursive: true, force: true });
      }
    },
  });
}
