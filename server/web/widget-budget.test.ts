import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { builtAppDir } from './static-files.js';

/** The budgets of the issue: loader ≤ 5 KB gzipped, widget app ≤ 40 KB gzipped (everything its page loads). */
const SDK_BUDGET = 5 * 1024;
const APP_BUDGET = 40 * 1024;

function gzipped(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

describe('widget bundle budgets (production build)', () => {
  it('the loader /packs/js/sdk.js is at most 5 KB gzipped', () => {
    const sdk = join(builtAppDir('widget-sdk'), 'sdk.js');
    assert.ok(existsSync(sdk), `${sdk} is missing: run npm run build`);
    const size = gzipped(sdk);
    assert.ok(size <= SDK_BUDGET, `sdk.js is ${size} bytes gzipped, budget ${SDK_BUDGET}`);
  });

  it('the widget app (index.html, scripts and styles) is at most 40 KB gzipped', () => {
    const dir = builtAppDir('widget');
    assert.ok(existsSync(join(dir, 'index.html')), `${dir}/index.html is missing: run npm run build`);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const assets = readdirSync(join(dir, 'assets')).filter((name) => html.includes(`/widget/assets/${name}`));
    assert.ok(assets.some((name) => name.endsWith('.js')), 'index.html loads a script');
    const total = gzipped(join(dir, 'index.html')) + assets.reduce((sum, name) => sum + gzipped(join(dir, 'assets', name)), 0);
    assert.ok(total <= APP_BUDGET, `the widget app is ${total} bytes gzipped, budget ${APP_BUDGET}`);
  });
});
