import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { connect } from '../../db/connect.js';
import { launchBrowser, withPage } from '../../test/browser.js';
import { addInboxMember, buildAdmin, buildAgent, buildContact, buildContactInbox, buildConversation, buildInbox, buildMessage } from '../../test/factories.js';
import { isolatedDatabase, TEST_DB, testEnv } from '../../test/harness.js';
import { startParleyServer } from '../../test/server-process.js';
import { ensureDashboardBuilt, call } from './server.js';
import { signInWithToken, waitFor } from './fixtures.js';

// SQLite pass only, as dashboard-conversations.test.ts explains.
const skip = TEST_DB !== 'sqlite' ? 'browser tests run on the SQLite pass only' : false;
const SECRET = 'dashboard-collaboration-secret';

describe('dashboard collaboration: mentions, notifications, participants, mute', { skip }, async () => {
  if (skip) {
    return;
  }
  ensureDashboardBuilt();
  const database = await isolatedDatabase();
  const server = await startParleyServer({ databaseUrl: database.url, secretKeyBase: SECRET });
  const env = testEnv(database.url, { secretKeyBase: SECRET });
  const db = connect(database.url, { poolSize: 2 });
  const browser = await launchBrowser();
  after(async () => {
    await browser.close();
    await db.close();
    await server.stop();
    await database.dropAll();
  });
  const base = server.base;

  const ada = await buildAdmin(db.kysely, env);
  await db.kysely.updateTable('users').set({ name: 'Ada Admin' }).where('id', '=', ada.user.id).execute();
  const account = ada.account;
  const bob = await buildAgent(db.kysely, env, { account, user: { name: 'Bob Agent' } });
  const { inbox } = await buildInbox(db.kysely, { account, inbox: { name: 'Support API', enable_auto_assignment: false } });
  await addInboxMember(db.kysely, inbox.id, ada.user.id);
  await addInboxMember(db.kysely, inbox.id, bob.user.id);

  async function conversationWith(text: string) {
    const contact = await buildContact(db.kysely, { account, contact: { name: 'Jane Customer' } });
    await buildContactInbox(db.kysely, { contact, inbox });
    const conversation = await buildConversation(db.kysely, { account, inbox, contact });
    await buildMessage(db.kysely, { conversation, message: { content: text } });
    return conversation;
  }

  it('a private note @mentioning an agent notifies that agent live in a second browser context; opening it marks it read', async (t) => {
    const conversation = await conversationWith('My parcel never arrived');
    await withPage(t, browser, async (bobPage) => {
      await signInWithToken(bobPage, base, bob.token);
      const bell = bobPage.getByRole('button', { name: /^Notifications/ });
      await bell.click();
      await bobPage.getByRole('dialog', { name: 'Notifications' }).getByText('No notifications yet').waitFor();
      await bell.click();

      await withPage(t, browser, async (adaPage) => {
        await signInWithToken(adaPage, base, ada.token);
        await adaPage.goto(`${base}/app/accounts/${account.id}/conversations/${conversation.display_id}?assignee=all`);
        const thread = adaPage.getByRole('region', { name: 'Conversation', exact: true });
        await thread.getByText('My parcel never arrived').waitFor();
        await adaPage.getByRole('tab', { name: 'Private note' }).click();
        const note = adaPage.getByLabel('Private note');
        await note.pressSequentially('Could you check this @Bo');
        await adaPage.getByRole('listbox', { name: 'Mention an agent' }).getByRole('button', { name: 'Bob Agent' }).click();
        await note.pressSequentially('thanks');
        await thread.getByRole('button', { name: 'Add note' }).click();
        // Saved on the server (not only shown while sending) before this context closes.
        await thread.locator('.message-note').filter({ hasText: 'thanks' }).locator('.message-status', { hasText: 'Sent' }).waitFor();
      });

      // The server notified Bob; his bell counts it without a reload, and the list names the conversation.
      const notes = await call(base, 'GET', `/api/v1/accounts/${account.id}/conversations/${conversation.display_id}/messages`, { token: ada.token });
      const note = notes.json.payload.find((m: { private: boolean }) => m.private);
      assert.match(note?.content ?? '', new RegExp(`\\(mention://user/${bob.user.id}/`), JSON.stringify(notes.json.payload));
      await waitFor('the mention notification on the server', async () => {
        const res = await call(base, 'GET', `/api/v1/accounts/${account.id}/notifications/unread_count`, { token: bob.token });
        return res.json === 1 ? true : undefined;
      });
      await bobPage.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
      await bobPage.getByRole('button', { name: /^Notifications/ }).click();
      const panel = bobPage.getByRole('dialog', { name: 'Notifications' });
      const item = panel.getByRole('button', { name: new RegExp(`You have been mentioned in conversation \\(#${conversation.display_id}\\)`) });
      await item.click();
      await bobPage.getByRole('region', { name: 'Conversation', exact: true }).getByText('My parcel never arrived').waitFor();
      await bobPage.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
      const unread = await waitFor('the notification read on the server', async () => {
        const res = await call(base, 'GET', `/api/v1/accounts/${account.id}/notifications/unread_count`, { token: bob.token });
        return res.json === 0 ? 'read' : undefined;
      });
      assert.equal(unread, 'read');
      // The mention made Bob a participant.
      const participants = await call(base, 'GET', `/api/v1/accounts/${account.id}/conversations/${conversation.display_id}/participants`, { token: bob.token });
      assert.deepEqual(participants.json.map((p: { name: string }) => p.name), ['Bob Agent']);
    });
  });

  it('lists older notifications on demand and marks them all read', async (t) => {
    const conversation = await conversationWith('Where is my refund?');
    const carol = await buildAgent(db.kysely, env, { account, user: { name: 'Carol Agent' } });
    await addInboxMember(db.kysely, inbox.id, carol.user.id);
    const at = Date.now() - 3_600_000;
    await db.kysely.insertInto('notifications').values(Array.from({ length: 18 }, (_, i) => ({
      account_id: account.id, user_id: carol.user.id, notification_type: 2, primary_actor_type: 'Conversation', primary_actor_id: conversation.id,
      secondary_actor_type: null, secondary_actor_id: null, read_at: null, snoozed_until: null, meta: {},
      last_activity_at: at + i * 1000, created_at: at + i * 1000, updated_at: at + i * 1000,
    }))).execute();
    await withPage(t, browser, async (page) => {
      await signInWithToken(page, base, carol.token);
      await page.getByRole('button', { name: 'Notifications, 18 unread' }).click();
      const panel = page.getByRole('dialog', { name: 'Notifications' });
      const items = panel.locator('.notification');
      await waitFor('the first page', async () => ((await items.count()) === 15 ? true : undefined));
      await panel.getByRole('button', { name: 'Show older' }).click();
      await waitFor('every notification', async () => ((await items.count()) === 18 ? true : undefined));
      await panel.getByRole('button', { name: 'Show older' }).waitFor({ state: 'detached' });
      await panel.getByRole('button', { name: 'Mark all read' }).click();
      await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
      assert.equal((await call(base, 'GET', `/api/v1/accounts/${account.id}/notifications/unread_count`, { token: carol.token })).json, 0);
    });
  });

  it('adds and removes participants and mutes and unmutes from the thread header', async (t) => {
    const conversation = await conversationWith('Please stop writing to me');
    const path = `/api/v1/accounts/${account.id}/conversations/${conversation.display_id}`;
    await withPage(t, browser, async (page) => {
      await signInWithToken(page, base, ada.token);
      await page.goto(`${base}/app/accounts/${account.id}/conversations/${conversation.display_id}?assignee=all`);
      const thread = page.getByRole('region', { name: 'Conversation', exact: true });
      await thread.getByText('Please stop writing to me').waitFor();

      await thread.getByRole('button', { name: 'Participants' }).click();
      const picker = thread.getByRole('group', { name: 'Participants' });
      await picker.getByLabel('Bob Agent').check();
      await thread.getByRole('button', { name: 'Participants (1)' }).waitFor();
      assert.deepEqual((await call(base, 'GET', `${path}/participants`, { token: ada.token })).json.map((p: { name: string }) => p.name), ['Bob Agent']);
      await picker.getByLabel('Bob Agent').uncheck();
      await thread.getByRole('button', { name: 'Participants', exact: true }).waitFor();
      assert.deepEqual((await call(base, 'GET', `${path}/participants`, { token: ada.token })).json, []);

      await thread.getByLabel('More status actions').selectOption({ label: 'Mute conversation' });
      await thread.getByText('muted', { exact: true }).waitFor();
      await thread.getByRole('button', { name: 'Reopen' }).waitFor();
      const muted = await call(base, 'GET', path, { token: ada.token });
      assert.equal(muted.json.muted, true);
      assert.equal(muted.json.status, 'resolved');
      await thread.getByText('Ada Admin has muted the conversation').waitFor();

      await thread.getByLabel('More status actions').selectOption({ label: 'Unmute conversation' });
      await thread.getByText('muted', { exact: true }).waitFor({ state: 'detached' });
      assert.equal((await call(base, 'GET', path, { token: ada.token })).json.muted, false);
      await thread.getByText('Ada Admin has unmuted the conversation').waitFor();
    });
  });
});
