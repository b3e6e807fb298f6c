import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RawCableClient, startCable } from '../realtime/testing.js';
import { addInboxMember, buildAdmin, buildAgent, buildConversation, buildInbox } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { startSmtpSink } from '../test/smtp.js';

describe('mentions and notifications', async () => {
  const smtp = await startSmtpSink();
  const t = await buildTestApp({ env: { smtp: smtp.config, frontendUrl: 'https://parley.example' } });
  const db = t.deps.db.kysely;

  async function setup() {
    const admin = await buildAdmin(db, t.deps.env);
    const account = admin.account;
    const { inbox } = await buildInbox(db, { account, inbox: { enable_auto_assignment: false } });
    const alice = await buildAgent(db, t.deps.env, { account, user: { name: 'Alice' } });
    const bob = await buildAgent(db, t.deps.env, { account, user: { name: 'Bob' } });
    const outsider = await buildAgent(db, t.deps.env, { account });
    await addInboxMember(db, inbox.id, alice.user.id);
    await addInboxMember(db, inbox.id, bob.user.id);
    const conversation = await buildConversation(db, { account, inbox });
    const base = `/api/v1/accounts/${account.id}`;
    const note = (token: string, content: string) => t.request('POST', `${base}/conversations/${conversation.display_id}/messages`, {
      token, body: { content, private: true, message_type: 'outgoing' },
    });
    return { admin, account, inbox, alice, bob, outsider, conversation, base, note };
  }

  it('a mention in a private note makes a mention record, a participant, a notification and frames for that user only', async () => {
    const server = await startCable(t);
    const { account, alice, bob, outsider, conversation, base, note } = await setup();
    const clients = [];
    for (const who of [alice, bob]) {
      const client = await RawCableClient.connect(server.url);
      const identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: who.user.pubsub_token, account_id: account.id, user_id: who.user.id });
      assert.equal(await client.subscribed(identifier), 'confirm_subscription');
      clients.push(client);
    }
    const res = await note(alice.token, `Please look [@Bob](mention://user/${bob.user.id}/Bob) and [@X](mention://user/${outsider.user.id}/X)`);
    assert.equal(res.statusCode, 200, res.body);
    await t.settle();

    const mentions = await db.selectFrom('mentions').select('user_id').where('conversation_id', '=', conversation.id).execute();
    assert.deepEqual(mentions.map((m) => m.user_id), [bob.user.id]);
    const participants = await db.selectFrom('conversation_participants').select('user_id').where('conversation_id', '=', conversation.id).execute();
    assert.deepEqual(participants.map((p) => p.user_id), [bob.user.id]);

    const created = await clients[1].event('notification.created');
    const data = created.message?.data as { notification: Record<string, unknown>; unread_count: number; count: number };
    assert.equal(data.notification.notification_type, 'conversation_mention');
    assert.equal(data.notification.primary_actor_id, conversation.id);
    assert.equal(data.notification.push_message_body, 'Alice: Please look @Bob and @X');
    assert.equal(data.unread_count, 1);
    assert.equal(data.count, 1);
    const mentioned = await clients[1].event('conversation.mentioned');
    assert.equal(mentioned.message?.data.id, conversation.display_id);
    const marker = await server.barrier(alice.user.pubsub_token);
    await clients[0].through(marker);
    assert.equal(clients[0].events('notification.created').length, 0);
    assert.equal(clients[0].events('conversation.mentioned').length, 0);
    clients.forEach((c) => c.socket.close());

    const list = await t.request('GET', `${base}/notifications`, { token: bob.token });
    assert.equal(list.statusCode, 200);
    const body = list.json().data;
    assert.deepEqual(body.meta, { unread_count: 1, count: 1, current_page: 1 });
    assert.deepEqual(Object.keys(body.payload[0]), [
      'id', 'notification_type', 'push_message_title', 'push_message_body', 'primary_actor_type', 'primary_actor_id', 'primary_actor',
      'read_at', 'secondary_actor', 'user', 'created_at', 'last_activity_at', 'snoozed_until', 'meta',
    ]);
    assert.equal(body.payload[0].push_message_title, `You have been mentioned in conversation (#${conversation.display_id})`);
    const mine = await t.request('GET', `${base}/conversations?conversation_type=mention`, { token: bob.token });
    assert.deepEqual(mine.json().data.payload.map((c: { id: number }) => c.id), [conversation.display_id]);
    const none = await t.request('GET', `${base}/conversations?conversation_type=mention`, { token: alice.token });
    assert.deepEqual(none.json().data.payload, []);
  });

  it('team mentions reach the team\'s members; a self-mention notifies nobody; replays create nothing twice', async () => {
    const { admin, alice, bob, conversation, base, note } = await setup();
    const team = (await t.request('POST', `${base}/teams`, { token: admin.token, body: { name: 'tier3' } })).json();
    await t.request('POST', `${base}/teams/${team.id}/team_members`, { token: admin.token, body: { user_ids: [alice.user.id, bob.user.id] } });
    await note(alice.token, `[@tier3](mention://team/${team.id}/tier3) help`);
    await t.settle();
    const rows = await db.selectFrom('notifications').select(['user_id', 'notification_type']).where('primary_actor_id', '=', conversation.id).execute();
    assert.deepEqual(rows, [{ user_id: bob.user.id, notification_type: 4 }]);
    const mentions = await db.selectFrom('mentions').select('user_id').where('conversation_id', '=', conversation.id).orderBy('user_id').execute();
    assert.deepEqual(mentions.map((m) => m.user_id), [alice.user.id, bob.user.id].sort((a, b) => a - b));
    // The outbox delivers at least once: handing the same event over again changes nothing.
    const event = t.events.received.find((e) => e.name === 'message.created' && e.conversationId === conversation.id);
    assert.ok(event);
    const consumer = (t.deps.dispatcher as unknown as { consumers: Array<{ name: string; handle(e: unknown): Promise<void> }> })
      .consumers.find((c) => c.name === 'notifications');
    await consumer?.handle(event);
    await t.settle();
    const again = await db.selectFrom('notifications').select('id').where('primary_actor_id', '=', conversation.id).execute();
    assert.equal(again.length, 1);
  });

  it('notifies the assignee and participants of new messages, and the assignee of an assignment', async () => {
    const { admin, alice, bob, conversation, base } = await setup();
    const assign = await t.request('POST', `${base}/conversations/${conversation.display_id}/assignments`, { token: admin.token, body: { assignee_id: alice.user.id } });
    assert.equal(assign.statusCode, 200);
    await t.request('POST', `${base}/conversations/${conversation.display_id}/participants`, { token: admin.token, body: { user_ids: [bob.user.id] } });
    await t.request('POST', `${base}/conversations/${conversation.display_id}/messages`, { token: admin.token, body: { content: 'hello there' } });
    await t.settle();
    const rows = await db.selectFrom('notifications').select(['user_id', 'notification_type', 'secondary_actor_type'])
      .where('primary_actor_id', '=', conversation.id).orderBy('id').execute();
    assert.deepEqual(rows, [
      { user_id: alice.user.id, notification_type: 2, secondary_actor_type: 'User' },
      { user_id: alice.user.id, notification_type: 3, secondary_actor_type: 'Message' },
      { user_id: bob.user.id, notification_type: 5, secondary_actor_type: 'Message' },
    ]);
  });

  it('respects notification settings: creation only when subscribed, email only when asked, through SMTP', async () => {
    const { admin, alice, bob, inbox, account, base } = await setup();
    const settings = await t.request('GET', `${base}/notification_settings`, { token: alice.token });
    assert.equal(settings.statusCode, 200);
    assert.deepEqual(Object.keys(settings.json()), ['id', 'user_id', 'account_id', 'all_email_flags', 'selected_email_flags', 'all_push_flags', 'selected_push_flags']);
    assert.deepEqual(settings.json().selected_email_flags, ['email_conversation_assignment']);
    assert.deepEqual(settings.json().selected_push_flags, ['push_conversation_assignment']);
    assert.equal(settings.json().all_email_flags[0], 'email_conversation_creation');
    const put = await t.request('PUT', `${base}/notification_settings`, { token: alice.token, body: { notification_settings: {
      selected_email_flags: ['email_conversation_creation'], selected_push_flags: ['push_conversation_creation'],
    } } });
    assert.equal(put.statusCode, 200);
    assert.deepEqual(put.json().selected_email_flags, ['email_conversation_creation']);
    const bad = await t.request('PUT', `${base}/notification_settings`, { token: alice.token, body: { selected_email_flags: ['email_everything'] } });
    assert.equal(bad.statusCode, 422);

    const conversation = await buildConversation(db, { account, inbox });
    await t.request('POST', `${base}/conversations/${conversation.display_id}/toggle_status`, { token: admin.token, body: { status: 'resolved' } });
    const created = await t.request('POST', `${base}/conversations`, { token: admin.token, body: {
      inbox_id: inbox.id, contact_id: conversation.contact_id,
      source_id: (await db.selectFrom('contact_inboxes').select('source_id').where('id', '=', conversation.contact_inbox_id as number).executeTakeFirstOrThrow()).source_id,
    } });
    assert.equal(created.statusCode, 200, created.body);
    await t.settle();
    const rows = await db.selectFrom('notifications').select(['user_id', 'notification_type']).where('account_id', '=', account.id)
      .where('notification_type', '=', 1).execute();
    assert.deepEqual(rows.map((r) => r.user_id), [alice.user.id]);
    const mail = await smtp.waitFor(alice.user.email, (m) => m.raw.includes(`A conversation (#${created.json().id}) has been created`));
    assert.ok(mail.raw.includes(`https://parley.example/app/accounts/${account.id}/conversations/${created.json().id}`));
    assert.ok(!smtp.received.some((m) => m.to.includes(bob.user.email)));
  });

  it('lists, reads, unreads, snoozes and deletes the caller\'s own notifications', async () => {
    const { alice, bob, base, note, account } = await setup();
    await note(alice.token, `[@Bob](mention://user/${bob.user.id}/Bob) one`);
    await note(alice.token, `[@Bob](mention://user/${bob.user.id}/Bob) two`);
    await t.settle();
    const list = (await t.request('GET', `${base}/notifications`, { token: bob.token })).json().data;
    assert.equal(list.meta.count, 2);
    const [newest, older] = list.payload as Array<{ id: number }>;
    const read = await t.request('PATCH', `${base}/notifications/${newest.id}`, { token: bob.token });
    assert.equal(read.statusCode, 200);
    assert.equal(typeof read.json().read_at, 'string');
    assert.equal(read.json().notification_type, 'conversation_mention');
    assert.equal((await t.request('GET', `${base}/notifications/unread_count`, { token: bob.token })).json(), 1);
    const withRead = (await t.request('GET', `${base}/notifications?includes[]=read`, { token: bob.token })).json().data.meta;
    assert.deepEqual([withRead.count, withRead.unread_count], [2, 1]);
    const unread = await t.request('POST', `${base}/notifications/${newest.id}/unread`, { token: bob.token });
    assert.equal(unread.json().read_at, null);
    const snoozed = await t.request('POST', `${base}/notifications/${older.id}/snooze`, { token: bob.token, body: { snoozed_until: '2030-01-01T00:00:00Z' } });
    assert.equal(snoozed.statusCode, 200);
    assert.equal(snoozed.json().snoozed_until, '2030-01-01T00:00:00.000Z');
    const badSnooze = await t.request('POST', `${base}/notifications/${older.id}/snooze`, { token: bob.token, body: { snoozed_until: 'soon' } });
    assert.equal(badSnooze.statusCode, 422);
    assert.equal((await t.request('GET', `${base}/notifications`, { token: bob.token })).json().data.meta.count, 1);
    // Someone else's notification, or another account's, is not found.
    assert.equal((await t.request('PATCH', `${base}/notifications/${newest.id}`, { token: alice.token })).statusCode, 404);
    const stranger = await buildAdmin(db, t.deps.env);
    assert.equal((await t.request('DELETE', `/api/v1/accounts/${stranger.account.id}/notifications/${newest.id}`, { token: stranger.token })).statusCode, 404);
    const readAll = await t.request('POST', `${base}/notifications/read_all`, { token: bob.token });
    assert.equal(readAll.statusCode, 200);
    assert.equal((await t.request('GET', `${base}/notifications/unread_count`, { token: bob.token })).json(), 0);
    assert.equal((await t.request('DELETE', `${base}/notifications/${newest.id}`, { token: bob.token })).statusCode, 200);
    await t.settle();
    assert.ok(t.events.of(account.id, 'notification.deleted').some((e) => e.data?.notificationId === newest.id));
    assert.equal((await t.request('GET', `${base}/notifications?includes[]=read&includes[]=snoozed`, { token: bob.token })).json().data.meta.count, 1);
  });

  it('destroy_all clears the caller\'s read notifications, or all of them, and no one else\'s', async () => {
    const { alice, bob, base, note } = await setup();
    for (const text of ['one', 'two', 'three']) {
      await note(alice.token, `[@Bob](mention://user/${bob.user.id}/Bob) ${text}`);
    }
    await note(bob.token, `[@Alice](mention://user/${alice.user.id}/Alice) hello`);
    await t.settle();
    const all = `${base}/notifications?includes[]=read&includes[]=snoozed`;
    const count = async (token: string) => (await t.request('GET', all, { token })).json().data.meta.count as number;
    assert.equal(await count(bob.token), 3);
    const [first] = (await t.request('GET', `${base}/notifications`, { token: bob.token })).json().data.payload as Array<{ id: number }>;
    await t.request('PATCH', `${base}/notifications/${first.id}`, { token: bob.token });
    assert.equal((await t.request('POST', `${base}/notifications/destroy_all`, { token: bob.token, body: { type: 'read' } })).statusCode, 200);
    assert.equal(await count(bob.token), 2);
    assert.equal((await t.request('POST', `${base}/notifications/destroy_all`, { token: bob.token })).statusCode, 200);
    assert.equal(await count(bob.token), 0);
    assert.equal(await count(alice.token), 1);
    const stranger = await buildAdmin(db, t.deps.env);
    assert.equal((await t.request('POST', `${base}/notifications/destroy_all`, { token: stranger.token })).statusCode, 401);
  });
});
