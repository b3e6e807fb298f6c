import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { connectRedis } from '../lib/redis.js';
import { buildAdmin, buildAgent, buildContact } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { whenReady } from './bus.js';
import { MemoryPresence, presenceData, PresenceBroadcaster, RedisPresence, type Presence } from './presence.js';

const REDIS_URL = process.env.REDIS_URL;

describe('presence (OnlineStatusTracker)', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  async function checkPresence(presence: Presence): Promise<void> {
    const admin = await buildAdmin(db, t.deps.env);
    const busy = await buildAgent(db, t.deps.env, { account: admin.account });
    await db.updateTable('account_users').set({ availability: 2 }).where('user_id', '=', busy.user.id).execute();
    const alwaysOn = await buildAgent(db, t.deps.env, { account: admin.account });
    await db.updateTable('account_users').set({ auto_offline: false, availability: 0 }).where('user_id', '=', alwaysOn.user.id).execute();
    const away = await buildAgent(db, t.deps.env, { account: admin.account });
    const contact = await buildContact(db, { account: admin.account });
    const accountId = admin.account.id;

    await presence.touch(accountId, 'User', admin.user.id);
    await presence.touch(accountId, 'User', busy.user.id);
    await presence.touch(accountId, 'Contact', contact.id);
    const forUser = await presenceData(db, presence, accountId, true);
    assert.deepEqual(Object.keys(forUser), ['account_id', 'users', 'contacts']);
    assert.equal(forUser.account_id, accountId);
    assert.deepEqual(forUser.users, {
      [String(admin.user.id)]: 'online', [String(busy.user.id)]: 'busy', [String(alwaysOn.user.id)]: 'online',
    });
    assert.equal(String(away.user.id) in (forUser.users as object), false);
    assert.deepEqual(forUser.contacts, { [String(contact.id)]: 'online' });
    const forContact = await presenceData(db, presence, accountId, false);
    assert.deepEqual(Object.keys(forContact), ['account_id', 'users']);
    assert.deepEqual(await presence.onlineIds(accountId + 100_000, 'User'), []);
  }

  it('in-process map: heartbeats, availability, auto_offline members, contacts only for users', async () => {
    await checkPresence(new MemoryPresence());
  });

  it('Redis sorted sets: the same answers', { skip: !REDIS_URL && 'needs REDIS_URL' }, async () => {
    const redis = connectRedis(REDIS_URL!);
    after(() => redis.disconnect());
    await whenReady(redis, 10_000);
    await checkPresence(new RedisPresence(redis, `parley-presence-test-${process.pid}-${Date.now()}`));
  });

  it('answers the requests of a crowd with one read, each read after the heartbeat it answers', async () => {
    const admin = await buildAdmin(db, t.deps.env);
    const accountId = admin.account.id;
    const agents = await Promise.all(Array.from({ length: 12 }, () => buildAgent(db, t.deps.env, { account: admin.account })));
    const contact = await buildContact(db, { account: admin.account });
    const memory = new MemoryPresence();
    let reads = 0;
    const counted: Presence = {
      touch: (a, kind, id) => memory.touch(a, kind, id),
      onlineIds: (a, kind) => {
        reads += kind === 'User' ? 1 : 0;
        return memory.onlineIds(a, kind);
      },
    };
    const sent: Array<{ streams: string[]; data: Record<string, unknown> }> = [];
    let hold: Promise<void> = Promise.resolve();
    const frames = new PresenceBroadcaster(db, counted, async (streams, data) => {
      sent.push({ streams, data });
      await hold;
    });

    await memory.touch(accountId, 'Contact', contact.id);
    await Promise.all(agents.map(async ({ user }) => {
      await memory.touch(accountId, 'User', user.id);
      await frames.request(accountId, user.pubsub_token, true);
    }));
    assert.equal(reads, 1);
    assert.equal(sent.length, 1);
    assert.deepEqual(new Set(sent[0].streams), new Set(agents.map((a) => a.user.pubsub_token)));
    assert.deepEqual(Object.keys(sent[0].data.users as object).sort(), agents.map((a) => String(a.user.id)).sort());
    assert.deepEqual(sent[0].data.contacts, { [String(contact.id)]: 'online' });

    // A request made while a read is being sent waits for the next read, which sees its heartbeat.
    let release = () => undefined as void;
    hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = frames.request(accountId, 'contact-stream', false);
    while (sent.length < 2) {
      await new Promise((r) => setImmediate(r));
    }
    await memory.touch(accountId, 'User', admin.user.id);
    const second = frames.request(accountId, admin.user.pubsub_token, true);
    release();
    hold = Promise.resolve();
    await Promise.all([first, second]);
    assert.deepEqual(sent[1], { streams: ['contact-stream'], data: { account_id: accountId, users: sent[0].data.users } });
    assert.deepEqual(sent[2].streams, [admin.user.pubsub_token]);
    assert.equal((sent[2].data.users as Record<string, string>)[String(admin.user.id)], 'online');
  });
});
