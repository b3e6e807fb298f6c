import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, withPage } from '../../test/browser.js';
import { TEST_DB } from '../../test/harness.js';
import { call, startParley } from './server.js';

// SQLite pass only, as dashboard-conversations.test.ts explains.
const skip = TEST_DB !== 'sqlite' ? 'browser tests run on the SQLite pass only' : false;

/** Signs in on the login page with an access token (the "Use an access token" option). */
async function signInWithToken(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/app/login`);
  await page.getByRole('button', { name: 'Use an access token' }).click();
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('tab', { name: /Mine/ }).waitFor();
}

/** Signs in with email and password (devise_token_auth). */
async function signInWithPassword(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/app/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('dashboard settings and layouts', { skip }, () => {
  let browser: Browser;
  let base: string;
  let token: string;
  let accountId: number;
  let stop: () => Promise<void> = async () => undefined;
  before(async () => {
    ({ base, stop } = await startParley());
    const onboarded = await call(base, 'POST', '/onboarding', { body: { account_name: 'Acme', name: 'Ada Admin', email: 'ada@acme.test', password: 'secret123' } });
    assert.equal(onboarded.status, 200, JSON.stringify(onboarded.json));
    ({ access_token: token, account_id: accountId } = onboarded.json);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stop();
  });

  it('refuses a wrong password in words, then signs in with email and password, survives a reload and signs out', async (t) => {
    await withPage(t, browser, async (page) => {
      await signInWithPassword(page, base, 'ada@acme.test', 'wrong-password');
      await page.getByRole('alert').filter({ hasText: 'Invalid login credentials' }).waitFor();
      await signInWithPassword(page, base, 'ada@acme.test', 'secret123');
      await page.getByRole('tab', { name: /Mine/ }).waitFor();
      await page.reload();
      await page.getByRole('tab', { name: /Mine/ }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Parley' }).waitFor();
    });
  });

  it('refuses a wrong access token in words, then signs in and out', async (t) => {
    await withPage(t, browser, async (page) => {
      await page.goto(`${base}/`);
      await page.getByRole('heading', { name: 'Sign in to Parley' }).waitFor();
      await page.getByRole('button', { name: 'Use an access token' }).click();
      await page.getByLabel('Access token').fill('not-a-real-token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Invalid Access Token' }).waitFor();
      await signInWithToken(page, base, token);
      await page.reload();
      await page.getByRole('tab', { name: /Mine/ }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Parley' }).waitFor();
      assert.equal(await page.evaluate('localStorage.getItem("parley.session")'), null);
    });
  });

  it('creates, edits and deletes a label, showing the server\'s refusal in words', async (t) => {
    await withPage(t, browser, async (page) => {
      page.on('dialog', (dialog) => void dialog.accept());
      await signInWithToken(page, base, token);
      await page.goto(`${base}/app/accounts/${accountId}/settings/labels`);
      await page.getByRole('button', { name: 'New label' }).click();
      const form = page.getByRole('form', { name: 'New label' });
      await form.getByLabel('Label name').fill('has space');
      await form.getByRole('button', { name: 'Create label' }).click();
      await form.getByRole('alert').waitFor();
      await form.getByLabel('Label name').fill('billing');
      await form.getByLabel('Description').fill('Money questions');
      await form.getByRole('button', { name: 'Create label' }).click();
      await page.getByRole('cell', { name: 'Money questions' }).waitFor();

      await page.getByRole('button', { name: 'Edit billing' }).click();
      const edit = page.getByRole('form', { name: 'Edit label billing' });
      await edit.getByLabel('Description').fill('Invoices and refunds');
      await edit.getByRole('button', { name: 'Save label' }).click();
      await page.getByRole('cell', { name: 'Invoices and refunds' }).waitFor();
      const labels = await call(base, 'GET', `/api/v1/accounts/${accountId}/labels`, { token });
      assert.deepEqual(labels.json.payload.map((l: { title: string; description: string }) => [l.title, l.description]), [['billing', 'Invoices and refunds']]);

      await page.getByRole('button', { name: 'Delete billing' }).click();
      await page.getByText('No labels yet').waitFor();
      assert.equal((await call(base, 'GET', `/api/v1/accounts/${accountId}/labels`, { token })).json.payload.length, 0);
    });
  });

  it('creates an API inbox, renames it, sets its members and deletes it', async (t) => {
    await withPage(t, browser, async (page) => {
      page.on('dialog', (dialog) => void dialog.accept());
      await signInWithToken(page, base, token);
      await page.goto(`${base}/app/accounts/${accountId}/settings/inboxes`);
      await page.getByRole('button', { name: 'Add inbox' }).click();
      await page.getByLabel('Inbox name').fill('Mobile app');
      await page.getByLabel('Webhook URL').fill('http://127.0.0.1:9/hook');
      await page.getByRole('button', { name: 'Create inbox' }).click();
      const identifier = (await page.getByTestId('inbox-identifier').textContent())!.trim();
      const settings = page.getByRole('form', { name: 'Inbox settings' });
      await settings.getByLabel('Inbox name').fill('Mobile app (iOS)');
      await settings.getByRole('button', { name: 'Save inbox' }).click();
      await page.getByRole('heading', { name: 'Mobile app (iOS)' }).waitFor();
      const members = page.getByRole('region', { name: 'Inbox members' });
      await members.getByLabel(/Ada Admin/).check();
      await members.getByRole('button', { name: 'Save members' }).click();
      const inboxes = await call(base, 'GET', `/api/v1/accounts/${accountId}/inboxes`, { token });
      const inbox = inboxes.json.payload.find((i: { inbox_identifier?: string }) => i.inbox_identifier === identifier);
      assert.equal(inbox.name, 'Mobile app (iOS)');
      assert.equal(inbox.webhook_url, 'http://127.0.0.1:9/hook');
      for (let i = 0; ; i++) {
        const listed = await call(base, 'GET', `/api/v1/accounts/${accountId}/inbox_members/${inbox.id}`, { token });
        if (listed.json.payload.length === 1) {
          break;
        }
        assert.ok(i < 100, 'the member is saved');
        await new Promise((r) => setTimeout(r, 100));
      }

      await page.getByRole('button', { name: 'Delete inbox' }).click();
      await page.getByRole('heading', { name: 'Inboxes' }).waitFor();
      await page.getByText('No inboxes yet').waitFor();
    });
  });

  it('adds an agent, changes the role and removes them', async (t) => {
    await withPage(t, browser, async (page) => {
      page.on('dialog', (dialog) => void dialog.accept());
      await signInWithToken(page, base, token);
      await page.goto(`${base}/app/accounts/${accountId}/settings/agents`);
      await page.getByRole('button', { name: 'Add agent' }).click();
      const form = page.getByRole('form', { name: 'Add agent' });
      await form.getByLabel('Name').fill('Bob <i>Agent</i>');
      await form.getByLabel('Email').fill('bob@acme.test');
      await form.getByRole('button', { name: 'Add agent' }).click();
      await page.getByText('Bob <i>Agent</i>').waitFor();
      await page.getByLabel('Role of Bob <i>Agent</i>').selectOption('administrator');
      await waitFor(async () => {
        const agents = await call(base, 'GET', `/api/v1/accounts/${accountId}/agents`, { token });
        return agents.json.find((a: { email: string }) => a.email === 'bob@acme.test')?.role === 'administrator';
      });
      await page.getByRole('button', { name: 'Remove Bob <i>Agent</i>' }).click();
      await waitFor(async () => (await page.getByText('bob@acme.test').count()) === 0);
      const agents = await call(base, 'GET', `/api/v1/accounts/${accountId}/agents`, { token });
      assert.deepEqual(agents.json.map((a: { email: string }) => a.email), ['ada@acme.test']);
      assert.equal(await page.locator('i', { hasText: 'Agent' }).count(), 0, 'names are text, not HTML');
    });
  });

  it('creates a canned response and inserts it with / in a reply', async (t) => {
    const inbox = await call(base, 'POST', `/api/v1/accounts/${accountId}/inboxes`, { token, body: { name: 'Canned API', channel: { type: 'api', webhook_url: '' } } });
    const contact = await call(base, 'POST', `/public/api/v1/inboxes/${inbox.json.inbox_identifier}/contacts`, { body: { name: 'Cary Canned' } });
    const conversation = await call(base, 'POST', `/public/api/v1/inboxes/${inbox.json.inbox_identifier}/contacts/${contact.json.source_id}/conversations`, { body: {} });
    await withPage(t, browser, async (page) => {
      page.on('dialog', (dialog) => void dialog.accept());
      await signInWithToken(page, base, token);
      await page.goto(`${base}/app/accounts/${accountId}/settings/canned-responses`);
      await page.getByRole('button', { name: 'New canned response' }).click();
      const form = page.getByRole('form', { name: 'New canned response' });
      await form.getByLabel('Short code').fill('thanks');
      await form.getByLabel('Message').fill('Thank you for your patience!');
      await form.getByRole('button', { name: 'Save' }).click();
      await page.getByText('/thanks').waitFor();

      await page.goto(`${base}/app/accounts/${accountId}/conversations/${conversation.json.id}`);
      const reply = page.getByLabel('Reply', { exact: true });
      await reply.fill('');
      await reply.pressSequentially('/than');
      await page.getByRole('listbox', { name: 'Canned responses' }).getByText('/thanks').waitFor();
      await page.keyboard.press('Enter');
      assert.equal(await reply.inputValue(), 'Thank you for your patience!');
      await page.keyboard.press('Enter');
      await waitFor(async () => {
        const messages = await call(base, 'GET', `/api/v1/accounts/${accountId}/conversations/${conversation.json.id}/messages`, { token });
        return messages.json.payload.some((m: { content: string }) => m.content === 'Thank you for your patience!');
      });

      await page.goto(`${base}/app/accounts/${accountId}/settings/canned-responses`);
      await page.getByRole('button', { name: 'Delete thanks' }).click();
      await page.getByText('No canned responses yet').waitFor();
    });
  });

  it('works on a 390-px-wide phone: list, then thread with a way back', async (t) => {
    const inbox = await call(base, 'POST', `/api/v1/accounts/${accountId}/inboxes`, { token, body: { name: 'Phone API', channel: { type: 'api', webhook_url: '' } } });
    const contact = await call(base, 'POST', `/public/api/v1/inboxes/${inbox.json.inbox_identifier}/contacts`, { body: { name: 'Pat Phone' } });
    const conversation = await call(base, 'POST', `/public/api/v1/inboxes/${inbox.json.inbox_identifier}/contacts/${contact.json.source_id}/conversations`, { body: {} });
    await call(base, 'POST', `/public/api/v1/inboxes/${inbox.json.inbox_identifier}/contacts/${contact.json.source_id}/conversations/${conversation.json.id}/messages`, { body: { content: 'Hi from my phone' } });
    await withPage(t, browser, async (page) => {
      await signInWithToken(page, base, token);
      await page.getByRole('tab', { name: /All/ }).click();
      await page.getByText('Pat Phone').click();
      const thread = page.getByRole('region', { name: 'Conversation', exact: true });
      await thread.getByText('Hi from my phone').waitFor();
      assert.equal(await page.getByRole('region', { name: 'Conversation list' }).isVisible(), false);
      const width = await page.evaluate('document.documentElement.scrollWidth');
      assert.ok(Number(width) <= 390, `no sideways scrolling (content is ${width} px wide)`);
      await thread.getByRole('link', { name: 'Back to the list' }).click();
      await page.getByRole('region', { name: 'Conversation list' }).getByText('Pat Phone').waitFor();
    }, { viewport: { width: 390, height: 844 } });
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; !(await check()); i++) {
    assert.ok(i < 150, 'condition not reached');
    await new Promise((r) => setTimeout(r, 100));
  }
}
