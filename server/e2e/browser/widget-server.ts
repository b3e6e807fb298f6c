import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../lib/net.js';
import { webWidgetScript } from '../../presenters/channel-web-widget.presenter.js';

const CLI = fileURLToPath(new URL('../../cli.js', import.meta.url));

/** Starts `parley serve` on its own port and database; resolves once /health answers. Stopped after the file. */
export async function startParley(databaseUrl: string, secret: string): Promise<string> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-widget-'));
  const log: string[] = [];
  const base = `http://127.0.0.1:${port}`;
  const { REDIS_URL: _redis, ...rest } = process.env;
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...rest, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', FRONTEND_URL: base, PARLEY_DATA_DIR: dataDir, SECRET_KEY_BASE: secret, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => log.push(String(chunk)));
  child.stderr?.on('data', (chunk) => log.push(String(chunk)));
  after(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    assert.equal(child.exitCode, null, `parley exited: ${log.join('')}`);
    try {
      if ((await fetch(`${base}/health`)).ok) {
        return base;
      }
    } catch {
      // not listening yet
    }
    assert.ok(Date.now() < deadline, `parley did not start: ${log.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A host page carrying the embed snippet the inbox API hands out, with optional chatwootSettings before it. */
export function hostPage(parley: string, websiteToken: string, settings: Record<string, unknown> = {}): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body>
<h1>A shop</h1><p>Products and prices.</p>
<script>window.chatwootSettings = ${JSON.stringify(settings)};</script>
${webWidgetScript(parley, websiteToken)}</body></html>`;
}

/** A plain site on another port: `/<name>` serves the page registered under that name. */
export async function startSite(): Promise<{ base: string; pages: Map<string, string> }> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const page = pages.get((req.url ?? '/').split('?')[0]);
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pages };
}
