import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, withPage } from '../../test/browser.js';
import { TEST_DB } from '../../test/harness.js';
import { onboard, signInWithToken, waitFor } from './fixtures.js';
import { call, startParley } from './server.js';

// SQLite pass only, as dashboard-conversations.test.ts explains.
const skip = TEST_DB !== 'sqlite' ? 'browser tests run on the SQLite pass only' : false;

/** A webhook receiver answering with `status`, keeping what it got. */
async function receiver() {
  const state = { status: 400, bodies: [] as string[] };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += String(chunk); });
    req.on('end', () => {
      state.bodies.push(body);
      res.writeHead(state.status, { 'content-type': 'text/plain' });
      res.end(state.status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { state, url: `http://127.0.0.1:${port}/hook`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('dashboard settings: webhooks, agent bots, website inboxes, profile', { skip }, () => {
  let browser: Browser;
  let base: string;
  let token: string;
  let accountId: number;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let stop: () => Promise<void> = async () => undefined;
  before(async () => {
    ({ base, stop } = await startParley());
    ({ token, accountId } = await onboard(base));
    hook = await receiver();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await hook?.close();
    await stop();
  });
  const api = (method: string, path: string, body?: unknown) => call(base, method, `/api/v1/accounts/${accountId}${path}`, { token, body });

  it('creates a webhook, shows and resets its secret, lists failed deliveries and redelivers one, edits and deletes it', async (t) => {
    await withPage(t, browser, async (page) => {
      page.on('dialog', (dialog) => void dialog.accept());
      await signInWithToken(page, base, token);
      await page.goto(`${base}/app/accounts/${accountId}/settings/webhooks`);
      await page.getByRole('button', { name: 'Add webhook' }).click();
      const form = page.getByRole('form', { name: 'New webhook' });
      await form.getByLabel('Webhook URL').fill(hook.url);
      await form.getByLabel('Name').fill('CRM sync');
      await form.getByLabel('Typing started').uncheck();
      await form.getByLabel('Typing stopped').uncheck();
      await form.getByRole('button', { name: 'Save webhook' }).click();
      const card = page.getByRole('listitem', { name: 'Webhook CRM sync' });
      await card.getByText('10 events').waitFor();

      await card.getByRole('button', { name: 'Details' }).click();
      const [stored] = (await api('GET', '/webhooks')).json.payload.webhooks;
      assert.equal((await card.getByTestId('webhook-secret').textContent())?.trim(), stored.secret);
      assert.ok(!stored.subscriptions.includes('conversation_typing_on'));
      await card.getByRole('button', { name: 'Reset secret' }).click();
      await card.getByText('still signs until').waitFor();
      const rotated = (await api('GET', '/webhooks')).json.payload.webhooks[0];
      assert.notEqual(rotated.secret, stored.secret);
      assert.equal((await card.getByTestId('webhook-secret').textContent())?.trim(), rotated.secret);

      // An event the webhook subscribes to; the receiver refuses it (400: not retried).
      assert.equal((await api('POST', '/contacts', { name: 'Grace Hopper', email: 'grace@example.com' })).status, 200);
      const log = card.getByRole('region', { name: 'Deliveries of CRM sync' });
      const row = log.locator('tr', { hasText: 'contact_created' });
      await waitFor('the failed delivery in the log', async () => {
        await log.getByRole('button', { name: 'Refresh' }).click();
        return (await row.filter({ hasText: 'failed' }).count()) > 0;
      }, 45_000);
      await row.getByRole('cell', { name: '400', exact: true }).waitFor();
      await row.getByRole('cell', { name: /HTTP 400|400/ }).first().waitFor();
      await row.getByRole('cell', { name: /\d+ ms/ }).waitFor();

      // The receiver is fixed; redelivering succeeds.
      hook.state.status = 200;
      await row.getByRole('button', { name: /^Redeliver contact_created/ }).click();
      await waitFor('the redelivery to succeed', async () => {
        await log.getByRole('button', { name: 'Refresh' }).click();
        return (await row.filter({ hasText: 'succeeded' }).count()) > 0;
      }, 45_000);
      await row.getByRole('cell', { name: '200', exact: true }).waitFor();
      assert.ok(hook.state.bodies.some((b) => JSON.parse(b).event === 'contact_created'));

      await card.getByRole('button', { name: 'Disable' }).click();
      await card.getByText('disabled', { exact: true }).waitFor();
      assert.equal((await api('GET', '/webhooks')).json.payload.webhooks[0].status, 'disabled');
      await card.getByRole('button', { name: 'Enable' }).click();
      await card.getByText('enabled', { exact: true }).waitFor();

      await card.getByRole('button', { name: 'Edit' }).click();
      const edit = page.getByRole('form', { name: 'Edit webhook CRM sync' });
      await edit.getByLabel('Name').fill('CRM');
      await edit.getByRole('button', { name: 'Save webhook' }).click();
      const renamed = page.getByRole('listitem', { name: 'Webhook CRM' });
      await renamed.getByRole('button', { name: 'Delete' }).click();
      await page.getByText('No webhooks yet').waitFor();
      assert.deepEqual((await api('GET', '/webhooks')).json.payload.webhooks, []);
    });
  });

  it('creates an agent bot showing its access token, resets it, connects it to an inbox and deletes it', async (t) => {
    const inbox = await api('POST', '/inboxes', { name: 'Bot inbox', channel: { type: 'api' } });
    assert.equal(inbox.status, 200);
    await withPage(t, browser, async (page) => {
      page.on('dialog', (dialog) => void dialog.accept());
      await signInWithToken(page, base, token);
      await page.goto(`${base}/app/accounts/${accountId}/settings/agent-bots`);
      await page.getByRole('button', { name: 'Add bot' }).click();
      const form = page.getByRole('form', { name: 'New agent bot' });
      await form.getByLabel('Bot name').fill('Triage bot');
      await form.getByLabel('Webhook URL').fill('https://bot.example.com/events');
      await form.getByRole('button', { name: 'Save bot' }).click();
      const card = page.getByRole('listitem', { name: 'Agent bot Triage bot' });
      const shown = (await card.getByTestId('bot-access-token').textContent())!.trim();
      const [bot] = (await api('GET', '/agent_bots')).json;
      assert.equal(shown, bot.access_token);
      // A bot's token passes authentication (404: no such conversation) where a wrong one is refused (401).
      const probe = `/api/v1/accounts/${accountId}/conversations/999999/labels`;
      assert.equal((await call(base, 'GET', probe, { headers: { api_access_token: shown } })).status, 404, 'the token works');
      await card.getByRole('button', { name: 'Reset token' }).click();
      await waitFor('a new token', async () => ((await card.getByTestId('bot-access-token').textContent())!.trim() !== shown ? true : undefined));
      assert.equal((await call(base, 'GET', probe, { headers: { api_access_token: shown } })).status, 401, 'the old one does not');

      await page.goto(`${base}/app/accounts/${accountId}/settings/inboxes/${inbox.json.id}`);
      const picker = page.getByRole('form', { name: 'Inbox agent bot' });
      await picker.getByLabel('Bot').selectOption({ label: 'Triage bot' });
      await picker.getByRole('button', { name: 'Save bot' }).click();
      await waitFor('the inbox bot', async () => ((await api('GET', `/inboxes/${inbox.json.id}/agent_bot`)).json.agent_bot?.id === bot.id ? true : undefined));
      await picker.getByLabel('Bot').selectOption({ label: 'No bot' });
      await picker.getByRole('button', { name: 'Save bot' }).click();
      await waitFor('no inbox bot', async () => ((await api('GET', `/inboxes/${inbox.json.id}/agent_bot`)).json.agent_bot?.id === undefined ? true : undefined));

      await page.goto(`${base}/app/accounts/${accountId}/settings/agent-bots`);
      await page.getByRole('button', { name: 'Delete Triage bot' }).click();
      await page.getByText('No agent bots yet').waitFor();
    });
  });

  it('creates a website inbox, shows the snippet the API hands out and saves the widget settings', async (t) => {
    await withPage(t, browser, async (page) => {
      await signInWithToken(page, base, token);
      await page.goto(`${base}/app/accounts/${accountId}/settings/inboxes`);
      await page.getByRole('button', { name: 'Add website inbox' }).click();
      const form = page.getByRole('form', { name: 'New website inbox' });
      await form.getByLabel('Inbox name').fill('Shop chat');
      await form.getByLabel('Website URL').fill('https://shop.example.com');
      await form.getByLabel('Welcome heading').fill('Hello shopper');
      await form.getByRole('button', { name: 'Create website inbox' }).click();
      await page.getByRole('heading', { name: 'Shop chat' }).waitFor();
      const inboxId = Number(/inboxes\/(\d+)/.exec(page.url())![1]);
      const stored = (await api('GET', `/inboxes/${inboxId}`)).json;
      assert.equal(stored.channel_type, 'Channel::WebWidget');
      assert.equal((await page.getByTestId('web-widget-script').textContent())?.trim(), stored.web_widget_script.trim());
      assert.ok(stored.web_widget_script.includes(stored.website_token));
      assert.equal((await page.getByTestId('website-token').textContent())?.trim(), stored.website_token);
      assert.equal((await page.getByRole('region', { name: 'Website widget snippet' }).getByTestId('hmac-token').textContent())?.trim(), stored.hmac_token);

      const widget = page.getByRole('form', { name: 'Widget settings' });
      await widget.getByLabel('Widget colour').fill('#ff5500');
      await widget.getByLabel('Welcome tagline').fill('We answer fast');
      await widget.getByLabel('Usually replies').selectOption('in_a_few_hours');
      await widget.getByLabel('Greet new visitors').check();
      await widget.getByLabel('Greeting message').fill('Welcome! Ask us anything.');
      await widget.getByLabel('Ask visitors for details before the chat starts').check();
      await widget.getByLabel('Ask for Email Id').check();
      await widget.getByLabel('Require Email Id').check();
      await widget.getByLabel(/^Allowed domains/).fill('shop.example.com, *.example.org');
      await widget.getByLabel(/Require identity validation/).check();
      await widget.getByLabel(/satisfaction survey/).check();
      await widget.getByRole('button', { name: 'Save widget' }).click();
      const saved = await waitFor('the widget settings', async () => {
        const res = (await api('GET', `/inboxes/${inboxId}`)).json;
        return res.widget_color === '#ff5500' ? res : undefined;
      });
      assert.equal(saved.welcome_title, 'Hello shopper');
      assert.equal(saved.welcome_tagline, 'We answer fast');
      assert.equal(saved.reply_time, 'in_a_few_hours');
      assert.equal(saved.greeting_enabled, true);
      assert.equal(saved.greeting_message, 'Welcome! Ask us anything.');
      assert.equal(saved.pre_chat_form_enabled, true);
      const email = saved.pre_chat_form_options.pre_chat_fields.find((f: { name: string }) => f.name === 'emailAddress');
      assert.deepEqual([email.enabled, email.required], [true, true]);
      assert.equal(saved.allowed_domains, 'shop.example.com,*.example.org');
      assert.equal(saved.hmac_mandatory, true);
      assert.equal(saved.csat_survey_enabled, true);
    });
  });

  it('changes the profile: name, availability, notification preferences and the access token', async (t) => {
    await withPage(t, browser, async (page) => {
      await signInWithToken(page, base, token);
      await page.goto(`${base}/app/accounts/${accountId}/settings/profile`);
      const profile = page.getByRole('form', { name: 'Profile' });
      await profile.getByLabel('Display name').fill('Ada');
      await profile.getByRole('button', { name: 'Save profile' }).click();
      await waitFor('the display name', async () => ((await call(base, 'GET', '/api/v1/profile', { token })).json.display_name === 'Ada' ? true : undefined));

      await page.getByRole('region', { name: 'Availability' }).getByLabel('My availability').selectOption('busy');
      await waitFor('busy', async () => ((await call(base, 'GET', '/api/v1/profile', { token })).json.accounts[0].availability === 'busy' ? true : undefined));

      const prefs = page.getByRole('form', { name: 'Notification preferences' });
      await prefs.getByLabel('Email when i am mentioned').check();
      await prefs.getByLabel('Push when a conversation is assigned to me').uncheck();
      await prefs.getByRole('button', { name: 'Save preferences' }).click();
      const settings = await waitFor('the preferences', async () => {
        const res = (await api('GET', '/notification_settings')).json;
        return res.selected_email_flags.includes('email_conversation_mention') ? res : undefined;
      });
      assert.ok(!settings.selected_push_flags.includes('push_conversation_assignment'));

      // A new access token: the old one stops working; this session (signed in with the token) carries on.
      page.on('dialog', (dialog) => void dialog.accept());
      const tokenBox = page.getByRole('region', { name: 'Access token' });
      assert.equal((await tokenBox.getByTestId('access-token').textContent())?.trim(), token);
      await tokenBox.getByRole('button', { name: 'Reset token' }).click();
      const fresh = await waitFor('the new token', async () => {
        const shown = (await tokenBox.getByTestId('access-token').textContent())?.trim();
        return shown && shown !== token ? shown : undefined;
      });
      assert.equal((await call(base, 'GET', '/api/v1/profile', { token })).status, 401);
      assert.equal((await call(base, 'GET', '/api/v1/profile', { token: fresh })).status, 200);
      token = fresh;
      await page.reload();
      await page.getByRole('region', { name: 'Access token' }).getByTestId('access-token').filter({ hasText: fresh }).waitFor();
    });
  });
});
