import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, withPage } from '../../test/browser.js';
import { TEST_DB } from '../../test/harness.js';
import { call, startParley } from './server.js';

// SQLite pass only, as dashboard-conversations.test.ts explains.
const skip = TEST_DB !== 'sqlite' ? 'browser tests run on the SQLite pass only' : false;

describe('dashboard contacts, teams and custom attributes', { skip }, () => {
  let browser: Browser;
  let base: string;
  let token: string;
  let accountId: number;
  let stop: () => Promise<void> = async () => undefined;
  before(async () => {
    ({ base, stop } = await startParley());
    const onboarded = await call(base, 'POST', '/onboarding', { body: { account_name: 'Acme', name: 'Ada Admin', email: 'ada@acme.test', password: 'secret123' } });
    ({ access_token: token, account_id: accountId } = onboarded.json);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stop();
  });

  async function open(page: Page, path: string): Promise<void> {
    await page.goto(`${base}/app/login`);
    await page.getByRole('button', { name: 'Use an access token' }).click();
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: /Mine/ }).waitFor();
    await page.goto(`${base}${path}`);
  }

  it('creates, searches, edits, notes, merges and deletes contacts', async (t) => {
    const other = await call(base, 'POST', `/api/v1/accounts/${accountId}/contacts`, { token, body: { name: 'Jane Duplicate', email: 'jane.dup@example.com' } });
    assert.equal(other.status, 200);
    await withPage(t, browser, async (page) => {
      page.on('dialog', (dialog) => void dialog.accept());
      await open(page, `/app/accounts/${accountId}/contacts`);
      await page.getByRole('link', { name: /Jane Duplicate/ }).waitFor();
      await page.getByRole('button', { name: 'New contact' }).click();
      const form = page.getByRole('form', { name: 'New contact' });
      await form.getByLabel('Name').fill('Jane Original');
      await form.getByLabel('Email').fill('jane@example.com');
      await form.getByRole('button', { name: 'Create contact' }).click();
      await page.getByRole('heading', { name: 'Jane Original' }).waitFor();
      const janeId = Number(/contacts\/(\d+)/.exec(page.url())![1]);

      await page.getByRole('button', { name: 'Edit contact' }).click();
      await page.getByLabel('Phone').fill('not a phone');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('alert').waitFor();
      await page.getByLabel('Phone').fill('+14155550123');
      await page.getByRole('button', { name: 'Add attribute' }).click();
      await page.getByLabel('Attribute name').fill('plan');
      await page.getByLabel('Value of plan').fill('gold');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('+14155550123').waitFor();
      const saved = await call(base, 'GET', `/api/v1/accounts/${accountId}/contacts/${janeId}`, { token });
      assert.equal(saved.json.payload.phone_number, '+14155550123');
      assert.deepEqual(saved.json.payload.custom_attributes, { plan: 'gold' });

      await page.getByLabel('New note').fill('Prefers email <b>only</b>');
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.getByText('Prefers email <b>only</b>').waitFor();

      // Search from the list, then merge the duplicate into Jane Original.
      await page.goto(`${base}/app/accounts/${accountId}/contacts`);
      await page.getByLabel('Search contacts').fill('duplicate');
      await page.getByRole('link', { name: /Jane Duplicate/ }).waitFor();
      await waitFor(async () => (await page.getByRole('link', { name: /Jane Original/ }).count()) === 0);
      await page.getByRole('link', { name: /Jane Duplicate/ }).click();
      await page.getByRole('button', { name: 'Merge' }).click();
      await page.getByLabel('Find the contact to keep').fill('Jane Orig');
      await page.getByRole('button', { name: 'Merge into Jane Original' }).click();
      await page.getByRole('heading', { name: 'Jane Original' }).waitFor();
      assert.equal((await call(base, 'GET', `/api/v1/accounts/${accountId}/contacts/${other.json.payload.contact.id}`, { token })).status, 404);

      await page.getByRole('button', { name: 'Delete contact' }).click();
      await page.getByRole('heading', { name: 'Contacts' }).waitFor();
      assert.equal((await call(base, 'GET', `/api/v1/accounts/${accountId}/contacts/${janeId}`, { token })).status, 404);
    });
  });

  it('imports a CSV with progress and the failed-rows report, and exports contacts', async (t) => {
    await withPage(t, browser, async (page) => {
      await open(page, `/app/accounts/${accountId}/contacts`);
      await page.getByRole('button', { name: 'Import CSV' }).click();
      const csv = 'name,email\nImported One,one@import.test\nImported Two,two@import.test\nBroken Row,not-an-email\n';
      await page.getByLabel('CSV file').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const status = page.getByRole('region', { name: 'Import contacts' }).getByRole('status');
      await status.getByText(/Import finished: 2 of 3 rows imported, 1 failed/).waitFor();
      const [failed] = await Promise.all([page.waitForEvent('download'), status.getByRole('button', { name: 'Download failed rows' }).click()]);
      const failedText = await readDownload(failed);
      assert.match(failedText, /not-an-email/);
      assert.doesNotMatch(failedText, /one@import\.test/);
      await page.getByRole('link', { name: /Imported Two/ }).waitFor();

      const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      const exportText = await readDownload(exported);
      assert.match(exportText, /one@import\.test/);
      assert.match(exportText, /two@import\.test/);
    });
  });

  it('creates a team, sets its members and deletes it', async (t) => {
    await withPage(t, browser, async (page) => {
      page.on('dialog', (dialog) => void dialog.accept());
      await open(page, `/app/accounts/${accountId}/settings/teams`);
      await page.getByRole('button', { name: 'New team' }).click();
      await page.getByLabel('Team name').fill('Billing');
      await page.getByRole('button', { name: 'Save team' }).click();
      await page.getByRole('button', { name: 'Members' }).click();
      const members = page.getByRole('group', { name: 'Members of billing' });
      await members.getByLabel('Ada Admin').check();
      await members.getByRole('button', { name: 'Save members' }).click();
      const teams = await call(base, 'GET', `/api/v1/accounts/${accountId}/teams`, { token });
      assert.equal(teams.json.length, 1);
      await waitFor(async () => (await call(base, 'GET', `/api/v1/accounts/${accountId}/teams/${teams.json[0].id}/team_members`, { token })).json.length === 1);
      await page.getByRole('button', { name: /^Delete / }).click();
      await page.getByText('No teams yet').waitFor();
    });
  });

  it('creates and deletes a custom attribute', async (t) => {
    await withPage(t, browser, async (page) => {
      page.on('dialog', (dialog) => void dialog.accept());
      await open(page, `/app/accounts/${accountId}/settings/custom-attributes`);
      await page.getByRole('button', { name: 'New attribute' }).click();
      await page.getByLabel('Display name').fill('Plan');
      await page.getByLabel('Key').fill('plan');
      await page.getByRole('button', { name: 'Save attribute' }).click();
      await page.getByRole('cell', { name: /Plan/ }).waitFor();
      await page.getByRole('button', { name: 'Delete plan' }).click();
      await page.getByText('No custom attributes yet').waitFor();
    });
  });
});

async function readDownload(download: { createReadStream(): Promise<NodeJS.ReadableStream> }): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) {
    chunks.push(Buffer.from(chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; !(await check()); i++) {
    assert.ok(i < 150, 'condition not reached');
    await new Promise((r) => setTimeout(r, 100));
  }
}
