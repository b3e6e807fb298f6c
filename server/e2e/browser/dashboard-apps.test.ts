import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame } from 'playwright-core';
import { launchBrowser, withPage } from '../../test/browser.js';
import { TEST_DB } from '../../test/harness.js';
import { apiConversation, htmlServer, onboard, signInWithToken, waitFor } from './fixtures.js';
import { call, startParley } from './server.js';

// SQLite pass only, as dashboard-conversations.test.ts explains.
const skip = TEST_DB !== 'sqlite' ? 'browser tests run on the SQLite pass only' : false;

/** A dashboard app as a vendor would write one: it keeps every message it gets and can ask for the context. */
const APP_PAGE = `<!doctype html><html><body><h1>Order lookup</h1><script>
  window.received = [];
  window.addEventListener('message', (event) => { window.received.push(event.data); });
  window.askForContext = () => window.parent.postMessage('chatwoot-dashboard-app:fetch-info', '*');
</script></body></html>`;

describe('dashboard apps: settings and the conversation side panel', { skip }, () => {
  let browser: Browser;
  let base: string;
  let stop: () => Promise<void> = async () => undefined;
  let app: { url: string; close: () => Promise<void> };
  before(async () => {
    ({ base, stop } = await startParley());
    app = await htmlServer(APP_PAGE);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await stop();
  });

  it('creates, edits and deletes an app; its frame gets appContext on load and answers fetch-info', async (t) => {
    const { token, accountId } = await onboard(base);
    const { conversationId, contactId } = await apiConversation(base, token, accountId);
    await withPage(t, browser, async (page) => {
      page.on('dialog', (dialog) => void dialog.accept());
      await signInWithToken(page, base, token);
      await page.goto(`${base}/app/accounts/${accountId}/settings/dashboard-apps`);
      await page.getByRole('button', { name: 'Add dashboard app' }).click();
      const form = page.getByRole('form', { name: 'New dashboard app' });
      await form.getByLabel('App name').fill('Orders');
      await form.getByLabel('Endpoint URL').fill('ftp://orders.example.com');
      await form.evaluate((node) => node.setAttribute('novalidate', ''));
      await form.getByRole('button', { name: 'Save app' }).click();
      await form.getByRole('alert').filter({ hasText: 'Content : Invalid data' }).waitFor();
      await form.getByLabel('Endpoint URL').fill(`${app.url}orders`);
      await form.getByRole('button', { name: 'Save app' }).click();
      await page.getByRole('cell', { name: 'Orders', exact: true }).waitFor();

      await page.getByRole('button', { name: 'Edit Orders' }).click();
      const edit = page.getByRole('form', { name: 'Edit dashboard app Orders' });
      await edit.getByLabel('App name').fill('Order lookup');
      await edit.getByRole('button', { name: 'Save app' }).click();
      await page.getByRole('cell', { name: 'Order lookup', exact: true }).waitFor();
      const apps = await call(base, 'GET', `/api/v1/accounts/${accountId}/dashboard_apps`, { token });
      assert.deepEqual(apps.json.map((a: { title: string; content: unknown }) => [a.title, a.content]), [['Order lookup', [{ type: 'frame', url: `${app.url}orders` }]]]);

      // The conversation's side panel has a tab for the app; opening it loads the frame.
      await page.goto(`${base}/app/accounts/${accountId}/conversations/${conversationId}?assignee=all`);
      await page.getByRole('region', { name: 'Conversation', exact: true }).getByText('Hello, I need help').waitFor();
      await page.getByRole('tab', { name: 'Order lookup' }).click();
      const frame = await waitFor('the app frame', async () => page.frames().find((f) => f.url().startsWith(`${app.url}orders`)));
      const first = await contextWithContact(frame);
      assert.equal(first.event, 'appContext');
      assert.equal(first.data.conversation.id, conversationId);
      assert.equal(first.data.conversation.meta.sender.id, contactId);
      assert.equal(first.data.contact.id, contactId);
      assert.equal(first.data.contact.email, 'jane@example.com');
      const profile = await call(base, 'GET', '/api/v1/profile', { token });
      assert.deepEqual(first.data.currentAgent, { id: profile.json.id, name: 'Ada Admin', email: 'ada@acme.test' });

      // The app asks again: the dashboard answers with the same context.
      const seen = Number(await frame.evaluate('window.received.length'));
      await frame.evaluate('window.askForContext()');
      const answer = await nextContext(frame, seen);
      assert.equal(answer.event, 'appContext');
      assert.equal(answer.data.conversation.id, conversationId);
      assert.equal(answer.data.currentAgent.email, 'ada@acme.test');

      // Back to the contact tab, then delete the app in settings: the tab is gone.
      await page.getByRole('tab', { name: 'Contact' }).click();
      await page.getByRole('button', { name: 'Edit contact' }).waitFor();
      await page.goto(`${base}/app/accounts/${accountId}/settings/dashboard-apps`);
      await page.getByRole('button', { name: 'Delete Order lookup' }).click();
      await page.getByText('No dashboard apps yet').waitFor();
      assert.deepEqual((await call(base, 'GET', `/api/v1/accounts/${accountId}/dashboard_apps`, { token })).json, []);
    });
  });
});

interface ContextMessage { event: string; data: { conversation: { id: number; meta: { sender: { id: number } } }; contact: { id: number; email: string }; currentAgent: { id: number; name: string; email: string } } }

/** The first message after `from` that the app page received, parsed as Chatwoot sends it (a JSON string). */
async function nextContext(frame: Frame, from: number): Promise<ContextMessage> {
  const raw: unknown = await waitFor('an appContext message', async () => (await frame.evaluate(`window.received[${from}]`)) as unknown);
  assert.equal(typeof raw, 'string', 'Chatwoot posts the event as a JSON string');
  return JSON.parse(raw as string) as ContextMessage;
}

/**
 * The first appContext the app page received that carries the contact: the frame can load
 * before the contact panel has the contact, and is then told again once it has.
 */
async function contextWithContact(frame: Frame): Promise<ContextMessage> {
  const raw: unknown = await waitFor('an appContext message with the contact', async () =>
    ((await frame.evaluate('window.received')) as unknown[]).find((m) => typeof m === 'string' && (JSON.parse(m) as Partial<ContextMessage>).data?.contact !== undefined));
  assert.equal(typeof raw, 'string', 'Chatwoot posts the event as a JSON string');
  return JSON.parse(raw as string) as ContextMessage;
}
