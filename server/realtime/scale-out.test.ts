import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addInboxMember, buildAdmin, buildAgent, buildConversation, buildInbox } from '../test/factories.js';
import { startCluster } from '../test/cluster.js';
import { TEST_DB } from '../test/harness.js';
import { RawCableClient } from './testing.js';

const REDIS_URL = process.env.REDIS_URL;
const SECRET = 'scale-out-test-secret';
const skip = !REDIS_URL || TEST_DB !== 'postgres' ? 'needs REDIS_URL and the PostgreSQL test run' : false;

describe('two nodes on one database and one Redis', { skip }, async () => {
  if (skip) {
    return;
  }
  const { nodes: [nodeA, nodeB], db, env } = await startCluster({ redisUrl: REDIS_URL as string, secretKeyBase: SECRET });

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
