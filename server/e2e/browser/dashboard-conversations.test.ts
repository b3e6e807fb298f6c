import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { RawCableClient } from '../../realtime/testing.js';
import { launchBrowser, withPage } from '../../test/browser.js';
import { TEST_DB } from '../../test/harness.js';
import { call, startParley } from './server.js';

// The dashboard talks only HTTP and /cable to the server, whose engine-specific behaviour the
// API tests cover on both engines; the browser runs once, on the SQLite pass, to keep the
// suite's time on a small machine reasonable.
const skip = TEST_DB !== 'sqlite' ? 'browser tests run on the SQLite pass only' : false;

const HOSTILE_NAME = '<b id="injected-name">Jane</b> <img src=x onerror="window.__pwned=1">';
const HOSTILE_TEXT = 'Hello <script>window.__pwned=2</script> **help** <img src=x onerror="window.__pwned=3">';

describe('dashboard: onboarding, a live conversation, reply and resolve', { skip }, () => {
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

  it('goes from an empty installation to a resolved conversation answered live', async (t) => {
    await withPage(t, browser, async (page) => {
      // First run: / leads to the onboarding screen.
      await page.goto(base);
      await page.getByRole('heading', { name: 'Welcome to Parley' }).waitFor();
      await page.getByLabel('Company name').fill('Acme');
      await page.getByLabel('Your name').fill('Ada Admin');
      await page.getByLabel('Work email').fill('not-an-email');
      await page.getByLabel('Password').fill('secret123');
      // The browser's own email check stops the form first; bypass it to see the server's words.
      await page.locator('form').evaluate((form) => form.setAttribute('novalidate', ''));
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('alert').filter({ hasText: 'Email is invalid' }).waitFor();
      await page.getByLabel('Work email').fill('ada@acme.test');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('tab', { name: /Mine/ }).waitFor();
      assert.match(page.url(), /\/app\/accounts\/\d+\/conversations$/);
      const accountId = Number(/accounts\/(\d+)/.exec(page.url())![1]);

      // Settings → Inboxes → a new API channel inbox shows its identifier and HMAC token.
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Add inbox' }).click();
      await page.getByLabel('Inbox name').fill('Support API');
      await page.getByRole('button', { name: 'Create inbox' }).click();
      const identifier = (await page.getByTestId('inbox-identifier').textContent())!.trim();
      assert.match(identifier, /^[A-Za-z0-9_-]{10,}$/);
      assert.ok(((await page.getByTestId('hmac-token').textContent()) ?? '').trim().length > 10);

      // The conversations view, "All" tab, waits for traffic.
      await page.getByRole('link', { name: 'Conversations' }).click();
      await page.getByRole('tab', { name: /All/ }).click();
      await page.getByText('No conversations here').waitFor();

      // A customer writes through the Client API and listens on /cable.
      const publicBase = `/public/api/v1/inboxes/${identifier}`;
      const contact = await call(base, 'POST', `${publicBase}/contacts`, { body: { name: HOSTILE_NAME } });
      assert.equal(contact.status, 200, JSON.stringify(contact.json));
      const customer = await RawCableClient.connect(`${base.replace('http', 'ws')}/cable`);
      assert.equal(await customer.subscribed(JSON.stringify({ channel: 'RoomChannel', pubsub_token: contact.json.pubsub_token })), 'confirm_subscription');
      const conversation = await call(base, 'POST', `${publicBase}/contacts/${contact.json.source_id}/conversations`, { body: {} });
      assert.equal(conversation.status, 200, JSON.stringify(conversation.json));
      const conversationId = conversation.json.id as number;
      const sent = await call(base, 'POST', `${publicBase}/contacts/${contact.json.source_id}/conversations/${conversationId}/messages`, { body: { content: HOSTILE_TEXT } });
      assert.equal(sent.status, 200, JSON.stringify(sent.json));

      // It appears in the list without a reload, with an unread badge; names and text stay text.
      const row = page.locator(`[data-conversation-id="${conversationId}"]`);
      await row.waitFor();
      await row.getByText(HOSTILE_NAME).waitFor();
      await row.getByLabel('1 unread').waitFor();
      await row.click();
      const thread = page.getByRole('region', { name: 'Conversation', exact: true });
      await thread.getByText('Hello <script>window.__pwned=2</script>', { exact: false }).waitFor();
      await thread.locator('strong', { hasText: 'help' }).waitFor();
      await assertNoInjection(page);

      // Another message arrives while the thread is open.
      await call(base, 'POST', `${publicBase}/contacts/${contact.json.source_id}/conversations/${conversationId}/messages`, { body: { content: 'Are you there?' } });
      await thread.getByText('Are you there?').waitFor();

      // The agent replies with Enter; the customer's socket receives it.
      const from = customer.frames.length;
      await page.keyboard.press('r');
      await page.getByLabel('Reply', { exact: true }).fill('Hi Jane, we are on it.');
      await page.keyboard.press('Enter');
      const delivered = await customer.event('message.created', (d) => d.content === 'Hi Jane, we are on it.', from);
      assert.equal(delivered.message?.data.message_type, 1);
      await thread.locator('.message-out').filter({ hasText: 'Hi Jane, we are on it.' }).locator('.message-status', { hasText: 'Sent' }).waitFor();

      // A private note stays with the agents.
      await page.getByRole('tab', { name: 'Private note' }).click();
      await page.getByLabel('Private note').fill('Checking the order, first line\nsecond line');
      await thread.getByRole('button', { name: 'Add note' }).click();
      await thread.locator('.message-note').filter({ hasText: 'second line' }).waitFor();

      // Resolve from the header; the server agrees and the customer is told.
      const beforeResolve = customer.frames.length;
      await thread.getByRole('button', { name: 'Resolve' }).click();
      await thread.getByRole('button', { name: 'Reopen' }).waitFor();
      await customer.event('conversation.status_changed', (d) => d.status === 'resolved', beforeResolve);
      // Onboarding signed the administrator in with a devise_token_auth session.
      const session = JSON.parse(String(await page.evaluate('localStorage.getItem("parley.session")')));
      assert.equal(session.kind, 'devise');
      const headers = { 'access-token': session.accessToken, client: session.client, uid: session.uid };
      const shown = await call(base, 'GET', `/api/v1/accounts/${accountId}/conversations/${conversationId}`, { headers });
      assert.equal(shown.json.status, 'resolved');
      assert.ok(!customer.events('message.created').some((e) => String(e.data.content).includes('second line')), 'the note never reaches the customer');
      await assertNoInjection(page);

      // Signing out ends the session on the server too.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Parley' }).waitFor();
      assert.equal((await call(base, 'GET', '/api/v1/profile', { headers })).status, 401);
    });
  });
});

async function assertNoInjection(page: Page): Promise<void> {
  assert.equal(await page.evaluate('window.__pwned'), undefined);
  assert.equal(await page.locator('#injected-name').count(), 0);
  assert.equal(await page.locator('.messages script, .messages img[src="x"]').count(), 0);
}
