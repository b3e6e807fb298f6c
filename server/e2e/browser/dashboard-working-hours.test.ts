import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, withPage } from '../../test/browser.js';
import { TEST_DB } from '../../test/harness.js';
import { onboard, signInWithToken, waitFor } from './fixtures.js';
import { call, startParley } from './server.js';

// SQLite pass only, as dashboard-conversations.test.ts explains.
const skip = TEST_DB !== 'sqlite' ? 'browser tests run on the SQLite pass only' : false;

describe('dashboard: an inbox\'s business hours', { skip }, () => {
  let browser: Browser;
  let base: string;
  let stop: () => Promise<void> = async () => undefined;
  before(async () => {
    ({ base, stop } = await startParley());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stop();
  });

  it('changes the schedule, time zone and out-of-office message in the inbox settings and the API shows them', async (t) => {
    const { token, accountId } = await onboard(base);
    const created = await call(base, 'POST', `/api/v1/accounts/${accountId}/inboxes`, { token, body: { name: 'Support', channel: { type: 'api' } } });
    assert.equal(created.status, 200);
    const inboxId = created.json.id as number;
    await withPage(t, browser, async (page) => {
      await signInWithToken(page, base, token);
      await page.goto(`${base}/app/accounts/${accountId}/settings/inboxes/${inboxId}`);
      const form = page.getByRole('form', { name: 'Business hours' });
      await form.getByLabel('Enable business hours').check();
      await form.getByLabel('Out-of-office message').fill('We are closed, back soon');
      await form.getByLabel('Time zone').selectOption('Europe/Berlin');
      await form.getByLabel('Monday opens at').fill('08:30');
      await form.getByLabel('Monday closes at').fill('18:00');
      await form.getByLabel('Saturday availability').selectOption('all_day');
      await form.getByLabel('Friday availability').selectOption('closed');
      // A closing time before the opening time is refused before anything is sent.
      await form.getByLabel('Tuesday closes at').fill('07:00');
      await form.getByRole('button', { name: 'Save business hours' }).click();
      await form.getByRole('alert').filter({ hasText: 'Tuesday' }).waitFor();
      await form.getByLabel('Tuesday closes at').fill('17:00');
      await form.getByRole('button', { name: 'Save business hours' }).click();
      await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    });
    const inbox = await waitFor('the saved schedule', async () => {
      const shown = await call(base, 'GET', `/api/v1/accounts/${accountId}/inboxes/${inboxId}`, { token });
      return shown.json.working_hours_enabled ? shown.json : undefined;
    });
    assert.equal(inbox.timezone, 'Europe/Berlin');
    assert.equal(inbox.out_of_office_message, 'We are closed, back soon');
    const byDay = Object.fromEntries(inbox.working_hours.map((d: { day_of_week: number }) => [d.day_of_week, d]));
    assert.deepEqual(byDay[1], { day_of_week: 1, closed_all_day: false, open_hour: 8, open_minutes: 30, close_hour: 18, close_minutes: 0, open_all_day: false });
    assert.deepEqual(byDay[2], { day_of_week: 2, closed_all_day: false, open_hour: 9, open_minutes: 0, close_hour: 17, close_minutes: 0, open_all_day: false });
    assert.equal(byDay[5].closed_all_day, true);
    assert.deepEqual(byDay[6], { day_of_week: 6, closed_all_day: false, open_hour: 0, open_minutes: 0, close_hour: 23, close_minutes: 59, open_all_day: true });
    assert.equal(byDay[0].closed_all_day, true);
  });
});
