import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where failing browser tests leave their screenshots (the repository's test-results/). */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', '..', 'test-results');

/** A headless Chromium for one test file; close it in `after`. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * Runs `body` with a fresh page in its own context (own cookies and storage). If the body
 * throws, a full-page screenshot named after the test is saved before the error is rethrown.
 */
export async function withPage<T>(
  t: TestContext,
  browser: Browser,
  body: (page: Page, context: BrowserContext) => Promise<T>,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<T> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    return await body(page, context);
  } catch (error) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const name = t.fullName.replace(/[^a-z0-9]+/gi, '-').slice(0, 120);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}
