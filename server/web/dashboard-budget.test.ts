import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ensureDashboardBuilt } from '../e2e/browser/server.js';
import { builtAppDir } from './static-files.js';

/** The most JavaScript the dashboard may load before its first screen, gzipped. */
const INITIAL_JS_BUDGET = 300 * 1024;

/** Files index.html loads at once (its module script, module preloads and their static imports). */
function initialScripts(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="\/app\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) {
      continue;
    }
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    // Static imports between chunks (`from"./x.js"` / `import"./x.js"`); dynamic import() is code-split and not counted.
    for (const m of code.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) {
      queue.push(`assets/${m[1]}`);
    }
  }
  return [...seen];
}

describe('dashboard bundle budget', () => {
  ensureDashboardBuilt();
  const dir = builtAppDir('dashboard');

  it(`loads at most ${INITIAL_JS_BUDGET / 1024} KB of gzipped JavaScript up front`, () => {
    const files = initialScripts(dir);
    assert.ok(files.length > 0, 'index.html loads a script');
    const sizes = files.map((file) => ({ file, gzipped: gzipSync(readFileSync(join(dir, file))).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzipped, 0);
    assert.ok(total <= INITIAL_JS_BUDGET, `initial JS is ${(total / 1024).toFixed(1)} KB gzipped: ${JSON.stringify(sizes)}`);
  });

  it('keeps settings and contacts out of the first load', () => {
    const initial = initialScripts(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    assert.doesNotMatch(initial, /New API channel inbox/);
    assert.doesNotMatch(initial, /Search by name, email, phone or identifier/);
  });
});
