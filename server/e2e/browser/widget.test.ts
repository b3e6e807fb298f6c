import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { connect } from '../../db/connect.js';
import { localTime } from '../../../common/working-hours.js';
import { hmacHex } from '../../lib/tokens.js';
import { addInboxMember, buildAdmin, buildWebWidgetInbox } from '../../test/factories.js';
import { launchBrowser, withPage } from '../../test/browser.js';
import { isolatedDatabase, testEnv } from '../../test/harness.js';
import { startParleyServer } from '../../test/server-process.js';
import { hostPage, startSite } from './widget-server.js';

const SECRET = 'widget-browser-test-secret';

/**
 * A site carrying Chatwoot's snippet, pointed at a real Parley process, driven in Chromium:
 * bubble → visitor message → agent reply live → resolve → CSAT; identity; text-only rendering;
 * allowed domains.
 */
describe('website widget in a browser', async () => {
  const database = await isolatedDatabase();
  const server = await startParleyServer({ databaseUrl: database.url, secretKeyBase: SECRET });
  after(() => server.stop());
  const parley = server.base;
  const env = testEnv(database.url, { secretKeyBase: SECRET });
  const db = connect(database.url, { poolSize: 2 });
  const site = await startSite();
  const browser = await launchBrowser();
  after(async () => {
    await browser.close();
    await db.close();
    await database.dropAll();
  });

  const { account, token: adminToken, user: admin } = await buildAdmin(db.kysely, env);
  const { inbox, channel } = await buildWebWidgetInbox(db.kysely, { account, inbox: { csat_survey_enabled: true, name: 'Shop support' }, channel: { welcome_title: 'Hi there!' } });
  await addInboxMember(db.kysely, inbox.id, admin.id);
  site.pages.set('/shop', hostPage(parley, channel.website_token));

  async function agentApi(method: string, path: string, body?: unknown): Promise<any> {
    const res = await fetch(`${parley}/api/v1/accounts/${account.id}${path}`, {
      method, headers: { api_access_token: adminToken, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path} answered ${res.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }

  /** Waits until `check` returns a value (conditions, not time: the deadline only bounds a broken run). */
  async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await check();
      if (value) {
        return value;
      }
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Records the SDK's window events from the first script on. */
  async function recordEvents(page: Page) {
    await page.addInitScript(() => {
      const g = globalThis as any;
      g.__events = [];
      for (const name of ['chatwoot:ready', 'chatwoot:on-message', 'chatwoot:error']) {
        g.addEventListener(name, (e: any) => g.__events.push({ name, detail: e.detail }));
      }
    });
  }

  /** The first recorded window event of that name. */
  function sdkEvent(page: Page, name: string, content?: string): Promise<{ name: string; detail: any }> {
    return eventually(() => page.evaluate(([n, c]) => (globalThis as any).__events
      .find((e: { name: string; detail: any }) => e.name === n && (c === undefined || e.detail?.content === c)), [name, content] as const), name);
  }

  async function openWidget(page: Page) {
    await recordEvents(page);
    await page.goto(`${site.base}/shop`);
    const bubble = page.locator('.woot-widget-bubble');
    await bubble.waitFor({ state: 'visible' });
    await bubble.click();
    const frame = page.frameLocator('#chatwoot_live_chat_widget');
    await frame.locator('textarea[aria-label]').waitFor({ state: 'visible' });
    return frame;
  }

  it('bubble → visitor message → seen by the API → agent reply live → resolve → CSAT asked and recorded', async (t) => {
    await withPage(t, browser, async (page) => {
      const frame = await openWidget(page);
      await sdkEvent(page, 'chatwoot:ready');
      await frame.getByText('Hi there!').waitFor();
      await frame.locator('textarea[aria-label]').fill('Where is my order?');
      await frame.locator('textarea[aria-label]').press('Enter');
      await frame.locator('.message.mine', { hasText: 'Where is my order?' }).waitFor();
      const capture = frame.locator('.email-capture');
      await capture.waitFor();
      await capture.locator('input').fill('buyer@example.com');
      await capture.locator('button').click();
      await frame.locator('.email-done', { hasText: 'buyer@example.com' }).waitFor();
      await eventually(() => db.kysely.selectFrom('contacts').select('id').where('account_id', '=', account.id).where('email', '=', 'buyer@example.com').executeTakeFirst(), 'the captured email');

      const conversation = await eventually(async () => (await agentApi('GET', '/conversations?status=open')).data.payload
        .find((c: { inbox_id: number }) => c.inbox_id === inbox.id), 'the conversation in the API');
      const messages = await agentApi('GET', `/conversations/${conversation.id}/messages`);
      assert.equal(messages.payload[0].content, 'Where is my order?');
      assert.equal(messages.payload[0].message_type, 0);

      await agentApi('POST', `/conversations/${conversation.id}/messages`, { content: 'It ships today.', message_type: 'outgoing' });
      await frame.locator('.message.theirs', { hasText: 'It ships today.' }).waitFor();
      assert.equal((await sdkEvent(page, 'chatwoot:on-message', 'It ships today.')).detail.message_type, 1);
      await frame.locator('.message.theirs .sender', { hasText: admin.name }).waitFor();

      await agentApi('POST', `/conversations/${conversation.id}/toggle_status`, { status: 'resolved' });
      const csat = frame.locator('[data-testid="csat"]');
      await csat.waitFor();
      await csat.getByRole('radio', { name: '5' }).click();
      await csat.locator('textarea').fill('Very quick');
      await csat.locator('button[type="submit"]').click();
      await frame.locator('[data-testid="csat-done"]').waitFor();
      const response = await eventually(() => db.kysely.selectFrom('csat_survey_responses').selectAll().where('account_id', '=', account.id).executeTakeFirst(), 'the CSAT response');
      assert.equal(response.rating, 5);
      assert.equal(response.feedback_message, 'Very quick');

      await frame.getByText(/Start a new conversation/).first().click();
      await frame.locator('textarea[aria-label]').fill('One more thing');
      await frame.locator('textarea[aria-label]').press('Enter');
      await frame.locator('.message.mine', { hasText: 'One more thing' }).waitFor();
      const open = await eventually(async () => (await agentApi('GET', '/conversations?status=open')).data.payload
        .find((c: { inbox_id: number; id: number }) => c.inbox_id === inbox.id && c.id !== conversation.id), 'a new conversation');
      assert.notEqual(open.id, conversation.id);
    });
  });

  it('renders HTML and script sent by a visitor or an agent as text', async (t) => {
    await withPage(t, browser, async (page) => {
      const frame = await openWidget(page);
      const attack = '<img src=x onerror="window.top.__xss=1"><script>window.top.__xss=2</script>';
      await frame.locator('textarea[aria-label]').fill(attack);
      await frame.locator('textarea[aria-label]').press('Enter');
      await frame.locator('.message.mine .text', { hasText: '<img src=x' }).waitFor();
      const conversation = await eventually(async () => {
        const newest = (await agentApi('GET', '/conversations?status=open')).data.payload
          .filter((c: { inbox_id: number }) => c.inbox_id === inbox.id).sort((a: { id: number }, b: { id: number }) => b.id - a.id)[0];
        const messages = newest ? (await agentApi('GET', `/conversations/${newest.id}/messages`)).payload : [];
        return messages.some((m: { content: string }) => m.content === attack) ? newest : undefined;
      }, 'the conversation');
      await agentApi('POST', `/conversations/${conversation.id}/messages`, { content: '<b>bold</b><script>window.top.__xss=3</script>', message_type: 'outgoing' });
      await frame.locator('.message.theirs .text', { hasText: '<b>bold</b>' }).waitFor();
      assert.equal(await frame.locator('.message img[src="x"], .message b, .message script').count(), 0);
      assert.equal(await page.evaluate(() => (globalThis as any).__xss), undefined);
    });
  });

  it('setUser with a valid hash links the visitor to the known contact; a wrong hash raises chatwoot:error', async (t) => {
    await withPage(t, browser, async (page) => {
      await openWidget(page);
      const hash = hmacHex(channel.hmac_token, 'customer-7');
      await page.evaluate((h) => (globalThis as any).$chatwoot.setUser('customer-7', { name: 'Seven', email: 'seven@example.com', identifier_hash: h }), hash);
      const contact = await eventually(() => db.kysely.selectFrom('contacts').selectAll().where('account_id', '=', account.id)
        .where('identifier', '=', 'customer-7').executeTakeFirst(), 'the identified contact');
      assert.equal(contact.email, 'seven@example.com');
      await eventually(() => db.kysely.selectFrom('contact_inboxes').selectAll().where('contact_id', '=', contact.id)
        .where('inbox_id', '=', inbox.id).where('hmac_verified', '=', true).executeTakeFirst(), 'a verified session');
    });
    await withPage(t, browser, async (page) => {
      await openWidget(page);
      await page.evaluate(() => (globalThis as any).$chatwoot.setUser('customer-8', { name: 'Eight', identifier_hash: 'forged' }));
      const detail = (await sdkEvent(page, 'chatwoot:error')).detail as { message: string; status: number };
      assert.equal(detail.status, 401);
      const eight = await db.kysely.selectFrom('contacts').select('id').where('account_id', '=', account.id).where('identifier', '=', 'customer-8').executeTakeFirst();
      assert.equal(eight, undefined);
    });
  });

  it('shows the team away or online by the stored schedule in the inbox time zone, in the language asked for', async (t) => {
    const zone = 'Asia/Tokyo';
    const hours = await buildWebWidgetInbox(db.kysely, { account, inbox: { working_hours_enabled: true, timezone: zone } });
    const schedule = (values: Record<string, unknown>, day?: number) => {
      let q = db.kysely.updateTable('working_hours').set(values).where('inbox_id', '=', hours.inbox.id);
      q = day === undefined ? q : q.where('day_of_week', '=', day);
      return q.execute();
    };
    const status = async (page: Page, locale: string) => {
      await page.goto(`${parley}/widget?website_token=${hours.channel.website_token}&locale=${locale}`);
      const availability = page.getByTestId('availability');
      await availability.waitFor();
      return [await availability.textContent(), await page.getByTestId('reply-time').textContent()];
    };
    await withPage(t, browser, async (page) => {
      await schedule({ closed_all_day: true, open_all_day: false });
      assert.deepEqual(await status(page, 'de'), ['Wir sind gerade nicht erreichbar', 'Wir sind so bald wie möglich wieder da']);
      await schedule({ closed_all_day: false, open_all_day: true, open_hour: 0, open_minutes: 0, close_hour: 23, close_minutes: 59 });
      assert.deepEqual(await status(page, 'fr'), ['Nous sommes en ligne', 'Répond généralement en quelques minutes']);
      // Open only on the day after tomorrow, Tokyo time: "back on <weekday>".
      const later = (localTime(Date.now(), zone).day + 2) % 7;
      await schedule({ closed_all_day: true, open_all_day: false });
      await schedule({ closed_all_day: false, open_hour: 10, open_minutes: 0, close_hour: 12, close_minutes: 0 }, later);
      const [away, back] = await status(page, 'en');
      assert.equal(away, 'We are away at the moment');
      assert.match(back ?? '', /^We will be back online on [A-Z][a-z]+day$/);
    });
  });

  it('moves nothing on the host page: no layout shift while the loader adds the bubble and the chat opens', async (t) => {
    await withPage(t, browser, async (page) => {
      // Every layout shift the page sees, and where its own content sat before the loader ran.
      await page.addInitScript(`window.__shifts = [];
        new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__shifts.push(e.value))).observe({ type: 'layout-shift', buffered: true });
        addEventListener('DOMContentLoaded', () => {
          window.__before = [...document.querySelectorAll('h1, p')].map((e) => JSON.stringify(e.getBoundingClientRect()));
          window.__height = document.documentElement.scrollHeight;
        });`);
      await page.goto(`${site.base}/shop`);
      const bubble = page.locator('.woot-widget-bubble');
      await bubble.waitFor({ state: 'visible' });
      await bubble.click();
      await page.frameLocator('#chatwoot_live_chat_widget').locator('textarea[aria-label]').waitFor({ state: 'visible' });
      const layout = await page.evaluate(() => {
        const g = globalThis as any;
        return {
          shifts: g.__shifts as number[],
          same: JSON.stringify([...g.document.querySelectorAll('h1, p')].map((e: any) => JSON.stringify(e.getBoundingClientRect()))) === JSON.stringify(g.__before),
          height: g.document.documentElement.scrollHeight === g.__height,
        };
      });
      assert.deepEqual(layout, { shifts: [], same: true, height: true });
    });
  });

  it('a site outside the allowed domains cannot load the widget', async (t) => {
    const locked = await buildWebWidgetInbox(db.kysely, { account, channel: { allowed_domains: 'shop.example' } });
    site.pages.set('/elsewhere', hostPage(parley, locked.channel.website_token));
    await withPage(t, browser, async (page) => {
      const frameResponse = page.waitForResponse((r) => r.url().startsWith(`${parley}/widget?`));
      await page.goto(`${site.base}/elsewhere`);
      const response = await frameResponse;
      assert.equal(response.status(), 403);
      await page.waitForFunction(() => (globalThis as any).$chatwoot !== undefined);
      assert.equal(await page.evaluate(() => (globalThis as any).$chatwoot.hasLoaded), false);
      assert.equal(await page.locator('.woot-widget-bubble').count(), 0);
    });
  });
});
