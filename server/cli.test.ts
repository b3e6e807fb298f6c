import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isolatedDatabase } from './test/harness.js';
import { SERVER_CLI, startParleyServer } from './test/server-process.js';

describe('bin/parley', async () => {
  const database = await isolatedDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
  const env = { ...process.env, DATABASE_URL: database.url, PARLEY_DATA_DIR: dataDir, LOG_LEVEL: 'warn', REDIS_URL: '' };
  after(async () => {
    await database.dropAll();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const run = (...args: string[]) => spawnSync(process.execPath, [SERVER_CLI, ...args], { env, encoding: 'utf8' });

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
    // No SECRET_KEY_BASE: the server reads the one `setup` generated into the data folder.
    const server = await startParleyServer({ databaseUrl: database.url, dataDir, env: { SECRET_KEY_BASE: undefined } });
    try {
      const health = await fetch(`${server.base}/health`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok', database: 'up' });
      const profile = await fetch(`${server.base}/api/v1/profile`, { headers: { api_access_token: adminToken } });
      assert.equal(profile.status, 200);
      const body = await profile.json() as { email: string; accounts: Array<{ name: string; role: string }>; access_token: string };
      assert.equal(body.email, 'ada@example.com');
      assert.equal(body.access_token, adminToken);
      assert.deepEqual(body.accounts.map((a) => [a.name, a.role]), [['Acme', 'administrator']]);
    } finally {
      const exit = await server.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, server.output());
    }
  });
});
