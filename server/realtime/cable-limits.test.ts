import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { buildAdmin, buildAgent } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { RawCableClient, startCable } from './testing.js';

const LIMITS = { connectionsPerIp: 3, subscriptionsPerIp: 5, connectionsPerToken: 2, subscriptionsPerToken: 3 };
const PROTOCOLS = ['actioncable-v1-json'];

/** A distinct client address per test, sent the way a reverse proxy sends it. */
let addresses = 0;
const nextIp = () => `203.0.113.${++addresses}`;

/** The HTTP status the server answers an upgrade with, or 101 when the socket opens. */
function upgradeStatus(url: string, ip: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, PROTOCOLS, { headers: { 'X-Forwarded-For': ip } });
    socket.once('open', () => {
      socket.terminate();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

/** Retries `attempt` until it answers `expected` (the server counts a close once its socket has closed). */
async function eventually<T>(attempt: () => Promise<T>, expected: T): Promise<T> {
  const until = Date.now() + 30_000;
  for (;;) {
    const got = await attempt();
    if (got === expected || Date.now() > until) {
      return got;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('/cable limits per IP and per token', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const cable = await startCable(t, { limits: LIMITS });

  async function agentIdentifier(extra: Record<string, unknown> = {}) {
    const admin = await buildAdmin(db, t.deps.env);
    const agent = await buildAgent(db, t.deps.env, { account: admin.account });
    return (more: Record<string, unknown> = {}) => JSON.stringify({
      channel: 'RoomChannel', pubsub_token: agent.user.pubsub_token, account_id: admin.account.id, user_id: agent.user.id, ...extra, ...more,
    });
  }

  it('refuses the upgrade with 429 past the connections of one IP, and admits again once one closes', async () => {
    const ip = nextIp();
    const open = await Promise.all([1, 2, 3].map(() => RawCableClient.connect(cable.url, PROTOCOLS, { 'X-Forwarded-For': ip })));
    await Promise.all(open.map((c) => c.next((f) => f.type === 'welcome')));
    assert.equal(await upgradeStatus(cable.url, ip), 429);
    assert.equal(await upgradeStatus(cable.url, nextIp()), 101, 'another address is not affected');
    open[0].socket.close();
    assert.equal(await eventually(() => upgradeStatus(cable.url, ip), 101), 101);
  });

  it('rejects a subscription past the sockets of one token, and accepts it once one unsubscribes', async () => {
    const identifier = await agentIdentifier();
    const clients = await Promise.all([1, 2, 3].map(() => RawCableClient.connect(cable.url, PROTOCOLS, { 'X-Forwarded-For': nextIp() })));
    assert.equal(await clients[0].subscribed(identifier()), 'confirm_subscription');
    assert.equal(await clients[1].subscribed(identifier()), 'confirm_subscription');
    assert.equal(await clients[2].subscribed(identifier()), 'reject_subscription');
    clients[0].send({ command: 'unsubscribe', identifier: identifier() });
    assert.equal(await eventually(() => clients[2].subscribed(identifier()), 'confirm_subscription'), 'confirm_subscription');
    assert.equal(await clients[1].subscribed(identifier({ n: 2 })), 'confirm_subscription', 'a second subscription on a socket already counted');
  });

  it('rejects a subscription past the subscriptions of one token, and of one IP', async () => {
    const ip = nextIp();
    const first = await agentIdentifier();
    const second = await agentIdentifier();
    const client = await RawCableClient.connect(cable.url, PROTOCOLS, { 'X-Forwarded-For': ip });
    for (const n of [1, 2, 3]) {
      assert.equal(await client.subscribed(first({ n })), 'confirm_subscription');
    }
    assert.equal(await client.subscribed(first({ n: 4 })), 'reject_subscription', 'fourth subscription of one token');
    assert.equal(await client.subscribed(second({ n: 1 })), 'confirm_subscription');
    assert.equal(await client.subscribed(second({ n: 2 })), 'confirm_subscription');
    assert.equal(await client.subscribed(second({ n: 3 })), 'reject_subscription', 'sixth subscription from one IP');
    const elsewhere = await RawCableClient.connect(cable.url, PROTOCOLS, { 'X-Forwarded-For': nextIp() });
    assert.equal(await elsewhere.subscribed(second({ n: 3 })), 'confirm_subscription', 'the same token from another IP');

    client.socket.close();
    const again = await RawCableClient.connect(cable.url, PROTOCOLS, { 'X-Forwarded-For': ip });
    assert.equal(await eventually(() => again.subscribed(first({ n: 9 })), 'confirm_subscription'), 'confirm_subscription', 'closing released the counts');
  });

  it('a rejected (unknown) token does not use up the limits', async () => {
    const ip = nextIp();
    const client = await RawCableClient.connect(cable.url, PROTOCOLS, { 'X-Forwarded-For': ip });
    const bogus = (n: number) => JSON.stringify({ channel: 'RoomChannel', pubsub_token: 'no-such-token', n });
    for (const n of [1, 2, 3, 4, 5, 6]) {
      assert.equal(await client.subscribed(bogus(n)), 'reject_subscription');
    }
    const identifier = await agentIdentifier();
    assert.equal(await client.subscribed(identifier()), 'confirm_subscription');
  });
});
