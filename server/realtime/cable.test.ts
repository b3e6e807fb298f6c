import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { buildAdmin, buildAgent, buildContact, buildContactInbox, buildInbox } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import { RawCableClient, startCable } from './testing.js';

function userIdentifier(token: string, accountId: number, userId: number): string {
  return JSON.stringify({ channel: 'RoomChannel', pubsub_token: token, account_id: accountId, user_id: userId });
}

/** A client frame as browsers send it: text, masked. */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length])
    : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, mask, payload.map((byte, i) => byte ^ mask[i % 4])]);
}

/** A hand-made websocket over TCP that subscribes and then stops reading. */
async function stalledSubscriber(url: string, identifier: string): Promise<Socket> {
  const { port } = new URL(url);
  const socket = connectTcp(Number(port), '127.0.0.1');
  socket.on('error', () => undefined);
  let seen = '';
  const confirmed = new Promise<void>((resolve) => {
    socket.on('data', (chunk) => {
      seen += chunk.toString('latin1');
      if (seen.startsWith('HTTP/1.1 101') && seen.includes('"welcome"') && !seen.includes('subscribe-sent')) {
        seen += 'subscribe-sent';
        socket.write(maskedTextFrame(JSON.stringify({ command: 'subscribe', identifier })));
      }
      if (seen.includes('confirm_subscription')) {
        resolve();
      }
    });
  });
  socket.write(['GET /cable HTTP/1.1', 'Host: 127.0.0.1', 'Upgrade: websocket', 'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Protocol: actioncable-v1-json', '', ''].join('\r\n'));
  await confirmed;
  socket.removeAllListeners('data');
  socket.pause();
  return socket;
}

describe('/cable protocol (ActionCable JSON)', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const server = await startCable(t, { maxSubscriptions: 5, maxPayload: 4096, presenceThrottleMs: 0, maxBuffered: 64 * 1024, revalidateMs: 250 });

  it('selects actioncable-v1-json, welcomes, and pings every few seconds with unix seconds', async () => {
    const client = await RawCableClient.connect(server.url);
    assert.equal(client.socket.protocol, 'actioncable-v1-json');
    const welcome = await client.next((f) => f.type === 'welcome');
    assert.deepEqual(welcome, { type: 'welcome' });
    const ping = await client.next((f) => f.type === 'ping');
    assert.deepEqual(Object.keys(ping), ['type', 'message']);
    assert.ok(Number.isInteger(ping.message as unknown));
    assert.ok(Math.abs((ping.message as unknown as number) - Date.now() / 1000) < 60);
  });

  it('confirms an agent of the account, echoing the identifier byte for byte, then sends presence', async () => {
    const { user, account } = await buildAdmin(db, t.deps.env);
    const client = await RawCableClient.connect(server.url);
    const identifier = `{"channel":"RoomChannel",  "pubsub_token":"${user.pubsub_token}","account_id":"${account.id}","user_id":${user.id}}`;
    client.subscribe(identifier);
    const confirm = await client.next((f) => f.type === 'confirm_subscription');
    assert.deepEqual(confirm, { identifier, type: 'confirm_subscription' });
    const presence = await client.event('presence.update');
    assert.equal(presence.identifier, identifier);
    assert.deepEqual(presence.message, {
      event: 'presence.update', data: { account_id: account.id, users: { [String(user.id)]: 'online' }, contacts: {} },
    });
  });

  it('confirms a contact by its contact inbox token; presence for a contact leaves out contacts', async () => {
    const { account } = await buildAdmin(db, t.deps.env);
    const { inbox } = await buildInbox(db, { account });
    const contact = await buildContact(db, { account });
    const contactInbox = await buildContactInbox(db, { contact, inbox });
    const client = await RawCableClient.connect(server.url);
    const identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: contactInbox.pubsub_token });
    assert.equal(await client.subscribed(identifier), 'confirm_subscription');
    const presence = await client.event('presence.update');
    assert.deepEqual(presence.message?.data, { account_id: account.id, users: {} });
  });

  it('rejects bad tokens, a user of another account, a wrong user id, another channel and junk identifiers', async () => {
    const { user, account } = await buildAgent(db, t.deps.env);
    const other = await buildAdmin(db, t.deps.env);
    const client = await RawCableClient.connect(server.url);
    const rejected = [
      JSON.stringify({ channel: 'RoomChannel', pubsub_token: 'no-such-token' }),
      userIdentifier('no-such-token', account.id, user.id),
      userIdentifier(user.pubsub_token, other.account.id, user.id),
      userIdentifier(user.pubsub_token, account.id, other.user.id),
      JSON.stringify({ channel: 'RoomChannel', pubsub_token: user.pubsub_token, user_id: user.id }),
      JSON.stringify({ channel: 'OtherChannel', pubsub_token: user.pubsub_token, account_id: account.id, user_id: user.id }),
      JSON.stringify({ channel: 'RoomChannel' }),
      'not json',
      '[1,2]',
    ];
    for (const identifier of rejected) {
      assert.equal(await client.subscribed(identifier), 'reject_subscription', identifier);
    }
    assert.equal(await client.subscribed(userIdentifier(user.pubsub_token, account.id, user.id)), 'confirm_subscription');
  });

  it('ignores malformed frames and unknown commands without closing the socket', async () => {
    const { user, account } = await buildAgent(db, t.deps.env);
    const client = await RawCableClient.connect(server.url);
    for (const junk of ['{', 'null', '42', '"text"', '[]', '{"command":"dance","identifier":"x"}', '{"command":"subscribe"}',
      '{"command":"subscribe","identifier":{"channel":"RoomChannel"}}', '{"command":"message","identifier":"nope","data":"{}"}']) {
      client.send(junk);
    }
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    const identifier = userIdentifier(user.pubsub_token, account.id, user.id);
    assert.equal(await client.subscribed(identifier), 'confirm_subscription');
    client.send({ command: 'message', identifier, data: 'not json' });
    client.send({ command: 'message', identifier, data: '{"action":"launch"}' });
    assert.equal(client.closed, false);
  });

  it('answers update_presence with presence.update on the own stream', async () => {
    const { user, account } = await buildAgent(db, t.deps.env);
    const client = await RawCableClient.connect(server.url);
    const identifier = userIdentifier(user.pubsub_token, account.id, user.id);
    await client.subscribed(identifier);
    await client.event('presence.update');
    const from = client.frames.length;
    client.send({ command: 'message', identifier, data: JSON.stringify({ action: 'update_presence' }) });
    const again = await client.event('presence.update', () => true, from);
    assert.deepEqual((again.message?.data as { users: unknown }).users, { [String(user.id)]: 'online' });
  });

  it('stops after the subscription limit, and unsubscribe frees a slot', async () => {
    const { user, account } = await buildAgent(db, t.deps.env);
    const client = await RawCableClient.connect(server.url);
    const ids = Array.from({ length: 6 }, (_, n) => JSON.stringify({
      channel: 'RoomChannel', pubsub_token: user.pubsub_token, account_id: account.id, user_id: user.id, n,
    }));
    for (const id of ids.slice(0, 5)) {
      assert.equal(await client.subscribed(id), 'confirm_subscription');
    }
    assert.equal(await client.subscribed(ids[5]), 'reject_subscription');
    client.send({ command: 'unsubscribe', identifier: ids[0] });
    assert.equal(await client.subscribed(ids[5]), 'confirm_subscription');
  });

  it('closes the socket (1009) on a frame over the size limit', async () => {
    const client = await RawCableClient.connect(server.url);
    await client.next((f) => f.type === 'welcome');
    client.send({ command: 'subscribe', identifier: 'x'.repeat(8000) });
    await assert.rejects(client.next(() => false), /socket closed \(1009\)/);
  });

  it('disconnects a client that stops reading instead of buffering for it forever', async () => {
    const { user, account } = await buildAgent(db, t.deps.env);
    const before = server.cable.size;
    const socket = await stalledSubscriber(server.url, userIdentifier(user.pubsub_token, account.id, user.id));
    assert.equal(server.cable.size, before + 1);
    const chunk = 'x'.repeat(16 * 1024);
    let sent = 0;
    while (server.cable.size > before) {
      assert.ok(sent < 512 * 1024 * 1024, 'never disconnected');
      for (let i = 0; i < 64; i++) {
        await server.bus.publish({ kind: 'broadcast', streams: [user.pubsub_token], event: 'test.flood', data: { chunk } });
        sent += chunk.length;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    socket.destroy();
  });

  it('sends the frames of one publishAll in order, each only to its own streams', async () => {
    const a = await buildAgent(db, t.deps.env);
    const b = await buildAgent(db, t.deps.env);
    const clients = await Promise.all([a, b].map(async ({ user, account }) => {
      const client = await RawCableClient.connect(server.url);
      assert.equal(await client.subscribed(userIdentifier(user.pubsub_token, account.id, user.id)), 'confirm_subscription');
      return client;
    }));
    const frame = (token: string, n: number) => ({ kind: 'broadcast' as const, streams: [token], event: 'test.batch', data: { n } });
    await server.bus.publishAll([frame(a.user.pubsub_token, 1), frame(b.user.pubsub_token, 2), frame(a.user.pubsub_token, 3)]);
    const numbers = async (client: RawCableClient, count: number) => {
      await client.next((f) => f.message?.data?.n === count);
      return client.frames.filter((f) => f.message?.event === 'test.batch').map((f) => f.message?.data?.n);
    };
    assert.deepEqual(await numbers(clients[0], 3), [1, 3]);
    assert.deepEqual(await numbers(clients[1], 2), [2]);
    clients.forEach((c) => c.socket.close());
  });

  it('refuses upgrades on other paths', async () => {
    await assert.rejects(RawCableClient.connect(server.url.replace('/cable', '/other')));
  });

  it('drops the subscription with reject_subscription when the agent is removed from the account', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const { user } = await buildAgent(db, t.deps.env, { account });
    const client = await RawCableClient.connect(server.url);
    const identifier = userIdentifier(user.pubsub_token, account.id, user.id);
    assert.equal(await client.subscribed(identifier), 'confirm_subscription');
    const from = client.frames.length;
    const res = await t.request('DELETE', `/api/v1/accounts/${account.id}/agents/${user.id}`, { token });
    assert.equal(res.statusCode, 200);
    await t.deps.dispatcher.drain();
    const dropped = await client.next((f) => f.type === 'reject_subscription', from);
    assert.deepEqual(dropped, { identifier, type: 'reject_subscription' });
  });

  it('drops a subscription whose token changed (checked again periodically)', async () => {
    const { user, account } = await buildAgent(db, t.deps.env);
    const client = await RawCableClient.connect(server.url);
    const identifier = userIdentifier(user.pubsub_token, account.id, user.id);
    assert.equal(await client.subscribed(identifier), 'confirm_subscription');
    const from = client.frames.length;
    await db.updateTable('users').set({ pubsub_token: `rotated-${user.pubsub_token}` }).where('id', '=', user.id).execute();
    const dropped = await client.next((f) => f.type === 'reject_subscription', from);
    assert.deepEqual(dropped, { identifier, type: 'reject_subscription' });
  });
});
