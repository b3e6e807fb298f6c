import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isolatedDatabase } from './test/harness.js';
import { freePort } from './lib/net.js';

const CLI = fileURLToPath(new URL('./cli.js', import.meta.url));

async function waitForHealth(base: string, deadlineMs: number): Promise<Response> {
  for (;;) {
    try {
      return await fetch(`${base}/health`);
    } catch (error) {
      if (Date.now() > deadlineMs) {
        throw error;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('bin/parley', async () => {
  const database = await isolatedDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
  const env = { ...process.env, DATABASE_URL: database.url, PARLEY_DATA_DIR: dataDir, LOG_LEVEL: 'warn', REDIS_URL: '' };
  after(async () => {
    await database.dropAll();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });

  it('migrates, twice without harm', () => {
    const first = run('migrate');
    assert.equal(first.status, 0, first.stderr);
    const second = run('migrate');
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /up to date/);
  });

  it('refuses setup with a missing flag, naming it', () => {
    const result = run('setup', '--account-name', 'Acme', '--name', 'Ada');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /--email is required/);
  });

  let adminToken = '';
  it('sets up an account and prints the administrator token last', () => {
    const result = run('setup', '--account-name', 'Acme', '--name', 'Ada Admin', '--email', 'Ada@Example.com', '--password', 'correct horse');
    assert.equal(result.status, 0, result.stderr);
    adminToken = result.stdout.trim().split('\n').pop() ?? '';
    assert.match(adminToken, /^[A-Za-z0-9_-]{20,}$/);
    const again = run('setup', '--account-name', 'Acme', '--name', 'Ada Admin', '--email', 'ada@example.com', '--password', 'correct horse');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /email/i);
  });

  let platformToken = '';
  it('creates a platform token, printed as the last line', () => {
    const result = run('platform-token', 'create', '--name', 'Provisioner');
    assert.equal(result.status, 0, result.stderr);
    platformToken = result.stdout.trim().split('\n').pop() ?? '';
    assert.match(platformToken, /^[A-Za-z0-9_-]{20,}$/);
  });

  it('serves /health and the API, then shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      const health = await waitForHealth(base, Date.now() + 30_000);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok', database: 'up' });
      const profile = await fetch(`${base}/api/v1/profile`, { headers: { api_access_token: adminToken } });
      assert.equal(profile.status, 200);
      const body = await profile.json() as { email: string; accounts: Array<{ name: string; role: string }>; access_token: string };
      assert.equal(body.email, 'ada@example.com');
      assert.equal(body.access_token, adminToken);
      assert.deepEqual(body.accounts.map((a) => [a.name, a.role]), [['Acme', 'administrator']]);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, output);
  });
});
