import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { connect } from '../db/connect.js';
import { addInboxMember, buildAdmin, buildAgent, buildConversation, buildInbox } from '../test/factories.js';
import { isolatedDatabase, TEST_DB, testEnv } from '../test/harness.js';
import { RawCableClient } from './testing.js';
import { startParleyServer, type NodeProcess } from '../test/server-process.js';

const REDIS_URL = process.env.REDIS_URL;
const SECRET = 'scale-out-test-secret';
/** Keeps this run's channel and presence keys apart from other runs on the same Redis. */
const PREFIX = `parley-test-${process.pid}-${Date.now()}`;

/** Starts `parley serve` on the shared database and Redis; stopped after the file. */
async function startNode(databaseUrl: string): Promise<NodeProcess> {
  const node = await startParleyServer({ databaseUrl, redisUrl: REDIS_URL, secretKeyBase: SECRET, env: { REDIS_PREFIX: PREFIX } });
  after(() => node.stop());
  return node;
}

const skip = !REDIS_URL || TEST_DB !== 'postgres' ? 'needs REDIS_URL and the PostgreSQL test run' : false;

describe('two nodes on one database and one Redis', { skip }, async () => {
  if (skip) {
    return;
  }
  const database = await isolatedDatabase();
  const env = testEnv(database.url, { secretKeyBase: SECRET });
  const db = connect(database.url, { poolSize: 2 });
  after(async () => {
    await db.close();
    await database.dropAll();
    rmSync(env.dataDir, { recursive: true, force: true });
  });
  // One after the other: the first migrates the fresh schema.
  const nodeA = await startNode(database.url);
  const nodeB = await startNode(database.url);

  it('delivers an event caused on node B exactly once to each matching socket on node A and node B', async () => {
    const admin = await buildAdmin(db.kysely, env);
    const member = await buildAgent(db.kysely, env, { account: admin.account });
    const { inbox } = await buildInbox(db.kysely, { account: admin.account });
    await addInboxMember(db.kysely, inbox.id, member.user.id);
    const conversation = await buildConversation(db.kysely, { account: admin.account, inbox });
    const contactInbox = await db.kysely.selectFrom('contact_inboxes').selectAll().where('id', '=', conversation.contact_inbox_id!).executeTakeFirstOrThrow();

    const onA = await RawCableClient.connect(`${nodeA.base.replace('http', 'ws')}/cable`);
    const onB = await RawCableClient.connect(`${nodeB.base.replace('http', 'ws')}/cable`);
    const agentId = JSON.stringify({ channel: 'RoomChannel', pubsub_token: member.user.pubsub_token, account_id: admin.account.id, user_id: member.user.id });
    assert.equal(await onA.subscribed(agentId), 'confirm_subscription');
    assert.equal(await onB.subscribed(JSON.stringify({ channel: 'RoomChannel', pubsub_token: contactInbox.pubsub_token })), 'confirm_subscription');
    // Presence goes through Redis too: once it is back, both nodes' subscriptions are live.
    await onA.event('presence.update');
    await onB.event('presence.update');

    const post = async (content: string) => {
      const res = await fetch(`${nodeB.base}/api/v1/accounts/${admin.account.id}/conversations/${conversation.display_id}/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json', api_access_token: admin.token },
        body: JSON.stringify({ content, message_type: 'outgoing' }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      return ((await res.json()) as { id: number }).id;
    };
    const first = await post('from node B');
    await onA.event('message.created', (d) => d.id === first);
    await onB.event('message.created', (d) => d.id === first);
    // A second event behind it: once it has arrived, any duplicate of the first would have too.
    const second = await post('and another');
    await onA.event('message.created', (d) => d.id === second);
    await onB.event('message.created', (d) => d.id === second);
    for (const client of [onA, onB]) {
      assert.deepEqual(client.events('message.created').map((m) => m.data.id), [first, second]);
    }
  });
});
