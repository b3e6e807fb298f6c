import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { connectRedis } from '../lib/redis.js';
import { buildAdmin, buildAgent, buildContact } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { whenReady } from './bus.js';
import { MemoryPresence, presenceData, RedisPresence, type Presence } from './presence.js';

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
});
