import { launchBrowser } from '../../server/test/browser.js';
import { addNote, addRecord, type BenchContext } from '../context.js';
import { latencySummary } from '../results.js';
import { startServer } from '../processes.js';

/** Page loads measured (quick: 5); the first, with cold caches, is reported in the notes only. */
const LOADS = { quick: 5, full: 20 };


/**
 * dashboard_load: the production dashboard build opened in headless Chromium at the conversations
 * view of the seeded account (signed in with the administrator's access token, as the dashboard
 * keeps it), each load in a fresh browser context: navigation start → the first conversation row
 * drawn, read from the page's own clock (the "first load of the conversations view < 1 s").
 */
export async function dashboardLoad(ctx: BenchContext): Promise<void> {
  const account = await ctx.account();
  const { child: server } = await startServer(ctx.serverEnv);
  const browser = await launchBrowser();
  const url = `http://127.0.0.1:${server.port}/app/accounts/${account.accountId}/conversations`;
  const session = JSON.stringify({ kind: 'token', token: account.adminToken });
  try {
    const loads: number[] = [];
    const count = ctx.options.quick ? LOADS.quick : LOADS.full;
    for (let i = 0; i < count; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        await context.addInitScript(`localStorage.setItem('parley.session', ${JSON.stringify(session)})`);
        const page = await context.newPage();
        await page.goto(url);
        await page.waitForSelector('.conversation-row', { timeout: 30_000 });
        loads.push(Number(await page.evaluate('performance.now()')));
      } finally {
        await context.close();
      }
    }
    const [first, ...warm] = loads;
    const { p50, p95 } = latencySummary(warm);
    addRecord(ctx, 'dashboard_load', 'p50_ms', p50, 'ms');
    addRecord(ctx, 'dashboard_load', 'p95_ms', p95, 'ms');
    addNote(ctx, `dashboard_load: navigation → first conversation row of ${url.replace(/^http:\/\/[^/]+/, '')} drawn (${account.conversations} conversations seeded), `
      + `${warm.length} warm loads: ${warm.map((ms) => ms.toFixed(0)).join(', ')} ms (first, cold: ${first.toFixed(0)} ms; target < 1,000 ms)`);
  } finally {
    await browser.close();
    await server.stop();
  }
}
