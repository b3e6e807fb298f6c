import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdmin, buildAgent, buildContact, buildContactInbox, buildInbox } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { accountStream, stillAuthorized, type RoomSubscriber } from './room-channel.js';

describe('RoomChannel subscriptions checked again', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  it('keeps the subscribers whose token still holds, whatever their number, and drops the others', async () => {
    const admin = await buildAdmin(db, t.deps.env);
    const account = admin.account;
    const agents = await Promise.all(Array.from({ length: 5 }, () => buildAgent(db, t.deps.env, { account })));
    const { inbox } = await buildInbox(db, { account });
    const contactInboxes = await Promise.all(Array.from({ length: 3 }, async () => buildContactInbox(db, { contact: await buildContact(db, { account }), inbox })));
    const users: RoomSubscriber[] = [admin, ...agents].map(({ user }) => ({
      kind: 'User', id: user.id, accountId: account.id, token: user.pubsub_token, streams: [user.pubsub_token, accountStream(account.id)],
    }));
    const contacts: RoomSubscriber[] = contactInboxes.map((ci) => ({
      kind: 'Contact', id: ci.contact_id, accountId: account.id, token: ci.pubsub_token, streams: [ci.pubsub_token],
    }));
    await db.deleteFrom('account_users').where('user_id', '=', agents[1].user.id).execute();
    await db.updateTable('users').set({ pubsub_token: 'rotated-token' }).where('id', '=', agents[3].user.id).execute();
    await db.updateTable('contact_inboxes').set({ pubsub_token: 'rotated-contact-token' }).where('id', '=', contactInboxes[2].id).execute();
    const stranger: RoomSubscriber = { ...users[0], accountId: account.id + 100_000 };

    const valid = await stillAuthorized(db, [...users, ...contacts, stranger]);
    assert.deepEqual(
      [...users, ...contacts, stranger].map((s) => valid.has(s)),
      [true, true, false, true, false, true, true, true, false, false],
    );
  });
});
