import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ensureDashboardBuilt } from '../../e2e/browser/server.js';
import { buildTestApp } from '../../test/harness.js';
import { builtAppDir } from '../../web/static-files.js';

describe('the dashboard is served under /app/', async () => {
  ensureDashboardBuilt();
  const t = await buildTestApp();
  const index = readFileSync(join(builtAppDir('dashboard'), 'index.html'), 'utf8');

  it('answers index.html for the app root and for client-side routes', async () => {
    for (const url of ['/app/', '/app/login', '/app/accounts/1/conversations/7', '/app/accounts/1/settings/inboxes']) {
      const res = await t.request('GET', url);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.equal(res.body, index);
    }
  });

  it('leads /app to /app/', async () => {
    const res = await t.request('GET', '/app');
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/app/');
  });

  it('serves hashed assets for good, and 404 for missing files', async () => {
    const script = /src="\/app\/(assets\/[^"]+\.js)"/.exec(index)?.[1];
    assert.ok(script, 'index.html loads a script from assets/');
    const res = await t.request('GET', `/app/${script}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /javascript/);
    assert.match(res.headers['cache-control'] as string, /immutable/);
    assert.equal((await t.request('GET', '/app/assets/missing-abc.js')).statusCode, 404);
    assert.equal((await t.request('GET', '/app/..%2F..%2Fpackage.json')).statusCode, 404);
  });
});
