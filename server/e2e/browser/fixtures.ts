import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { call } from './server.js';

/** Onboards the installation: the account and its first administrator. */
export async function onboard(base: string, who = { account_name: 'Acme', name: 'Ada Admin', email: 'ada@acme.test', password: 'secret123' }) {
  const res = await call(base, 'POST', '/onboarding', { body: who });
  assert.equal(res.status, 200, JSON.stringify(res.json));
  return { token: res.json.access_token as string, accountId: res.json.account_id as number };
}

/** Signs in on the login page with an access token and waits for the conversations view. */
export async function signInWithToken(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/app/login`);
  await page.getByRole('button', { name: 'Use an access token' }).click();
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('tab', { name: /Mine/ }).waitFor();
}

/** An API inbox and one conversation in it, written by a contact through the Client API. */
export async function apiConversation(base: string, token: string, accountId: number, text = 'Hello, I need help') {
  const inbox = await call(base, 'POST', `/api/v1/accounts/${accountId}/inboxes`, { token, body: { name: 'Support API', channel: { type: 'api' } } });
  assert.equal(inbox.status, 200, JSON.stringify(inbox.json));
  const publicBase = `/public/api/v1/inboxes/${inbox.json.inbox_identifier}`;
  const contact = await call(base, 'POST', `${publicBase}/contacts`, { body: { name: 'Jane Customer', email: 'jane@example.com' } });
  assert.equal(contact.status, 200, JSON.stringify(contact.json));
  const conversation = await call(base, 'POST', `${publicBase}/contacts/${contact.json.source_id}/conversations`, { body: {} });
  assert.equal(conversation.status, 200, JSON.stringify(conversation.json));
  const sent = await call(base, 'POST', `${publicBase}/contacts/${contact.json.source_id}/conversations/${conversation.json.id}/messages`, { body: { content: text } });
  assert.equal(sent.status, 200, JSON.stringify(sent.json));
  return { inboxId: inbox.json.id as number, conversationId: conversation.json.id as number, contactId: contact.json.id as number };
}

/** A small HTTP server answering every path with `html`; `close` in `after`. */
export async function htmlServer(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Polls `check` until it returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) {
      return value;
    }
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
