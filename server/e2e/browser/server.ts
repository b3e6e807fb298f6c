import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolatedDatabase } from '../../test/harness.js';
import { startParleyServer } from '../../test/server-process.js';
import { builtAppDir } from '../../web/static-files.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Builds the dashboard when dist/ has no build of it yet (`npm test` builds it first anyway). */
export function ensureDashboardBuilt(): void {
  if (existsSync(join(builtAppDir('dashboard'), 'index.html'))) {
    return;
  }
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-web.mjs')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 0, `building the dashboard failed: ${result.stdout}${result.stderr}`);
}

/** A real `parley serve` process on its own database; `stop` ends it and drops the database. */
export async function startParley(): Promise<{ base: string; output: () => string; stop: () => Promise<void> }> {
  ensureDashboardBuilt();
  const database = await isolatedDatabase();
  const server = await startParleyServer({ databaseUrl: database.url, cleanup: database.dropAll });
  return { base: server.base, output: server.output, stop: async () => { await server.stop(); } };
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
