import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../lib/net.js';
import { isolatedDatabase } from '../../test/harness.js';
import { builtAppDir } from '../../web/static-files.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));

/** Builds the dashboard when dist/ has no build of it yet (`npm test` builds it first anyway). */
export function ensureDashboardBuilt(): void {
  if (existsSync(join(builtAppDir('dashboard'), 'index.html'))) {
    return;
  }
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-web.mjs')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, `building the dashboard failed: ${result.stdout}${result.stderr}`);
}

/** A real `parley serve` process on its own database; `stop` ends it and drops the database. */
export async function startParley(): Promise<{ base: string; log: string[]; stop: () => Promise<void> }> {
  ensureDashboardBuilt();
  const database = await isolatedDatabase();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-browser-'));
  const log: string[] = [];
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      ...process.env, DATABASE_URL: database.url, REDIS_URL: '', PORT: String(port), HOST: '127.0.0.1', PARLEY_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn', ALLOW_PRIVATE_WEBHOOK_TARGETS: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => log.push(String(chunk)));
  child.stderr?.on('data', (chunk) => log.push(String(chunk)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await database.dropAll();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    assert.equal(child.exitCode, null, `parley exited: ${log.join('')}`);
    try {
      if ((await fetch(`${base}/health`)).ok) {
        return { base, log, stop };
      }
    } catch {
      // not listening yet
    }
    assert.ok(Date.now() < deadline, `parley did not start: ${log.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** JSON over HTTP against the running server. */
export async function call(
  base: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: ReturnType<typeof JSON.parse> }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...options.headers, ...(options.token ? { api_access_token: options.token } : {}), ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
