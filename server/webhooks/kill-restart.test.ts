import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { connect } from '../db/connect.js';
import { buildAdmin, buildConversation, buildInbox } from '../test/factories.js';
import { isolatedDatabase, TEST_DB, testEnv } from '../test/harness.js';
import { startReceiver } from '../test/receiver.js';
import { startParleyServer, type NodeProcess } from '../test/server-process.js';

const SECRET = 'kill-restart-test-secret';
/** On the PostgreSQL run with REDIS_URL the server queues on BullMQ; on SQLite, on the SQL table queue. */
const REDIS_URL = TEST_DB === 'postgres' ? process.env.REDIS_URL ?? '' : '';
const PREFIX = `parley-kill-test-${process.pid}-${Date.now()}`;
const CONVERSATIONS = 4;
/** The server is killed once this many messages were acknowledged… */
const KILL_AFTER = 120;
/** …while the senders keep going, up to this many in all. */
const MAX_MESSAGES = 400;

/** Starts `parley serve` on the database and resolves once /health answers; stopped after the file. */
async function startNode(databaseUrl: string, dataDir: string): Promise<NodeProcess> {
  const node = await startParleyServer({ databaseUrl, redisUrl: REDIS_URL, secretKeyBase: SECRET, dataDir, env: { REDIS_PREFIX: PREFIX } });
  after(() => node.stop());
  return node;
}

describe(`webhooks survive kill -9 of the server (${REDIS_URL ? 'BullMQ' : 'SQL queue'})`, async () => {
  const database = await isolatedDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-kill-'));
  const env = testEnv(database.url, { secretKeyBase: SECRET });
  const receiver = await startReceiver();
  after(async () => {
    await database.dropAll();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(env.dataDir, { recursive: true, force: true });
  });

  it('delivers every committed message_created after a restart: none lost, each conversation in order', async () => {
    const first = await startNode(database.url, dataDir);
    const db = connect(database.url, { poolSize: 2 });
    after(() => db.close());
    const admin = await buildAdmin(db.kysely, env);
    const { inbox } = await buildInbox(db.kysely, { account: admin.account });
    const conversations = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      conversations.push(await buildConversation(db.kysely, { account: admin.account, inbox }));
    }
    const headers = { 'content-type': 'application/json', api_access_token: admin.token };
    const hook = await fetch(`${first.base}/api/v1/accounts/${admin.account.id}/webhooks`, {
      method: 'POST', headers, body: JSON.stringify({ url: receiver.url('/kill'), subscriptions: ['message_created'] }),
    });
    assert.equal(hook.status, 200, await hook.text());

    // One sender per conversation; the server is killed mid-run, with requests in flight.
    const acknowledged: number[] = [];
    let sent = 0;
    let killed = false;
    const sender = async (displayId: number) => {
      while (!killed && sent < MAX_MESSAGES) {
        sent += 1;
        try {
          const res = await fetch(`${first.base}/api/v1/accounts/${admin.account.id}/conversations/${displayId}/messages`, {
            method: 'POST', headers, body: JSON.stringify({ content: `m${sent}` }),
          });
          if (res.status === 200) {
            acknowledged.push(((await res.json()) as { id: number }).id);
          }
        } catch {
          return;
        }
        if (acknowledged.length >= KILL_AFTER && !killed) {
          killed = true;
          first.process.kill('SIGKILL');
        }
      }
    };
    await Promise.all(conversations.map((c) => sender(c.display_id)));
    assert.equal(killed, true, `the server was killed after ${KILL_AFTER} acknowledged messages (sent ${sent})`);
    assert.equal((await first.exited).signal, 'SIGKILL');

    const second = await startNode(database.url, dataDir);
    const committed = (await db.kysely.selectFrom('messages').select(['id', 'conversation_id'])
      .where('account_id', '=', admin.account.id).orderBy('id').execute());
    const committedIds = new Set(committed.map((m) => m.id));
    assert.deepEqual(acknowledged.filter((id) => !committedIds.has(id)), [], 'every acknowledged message was committed');

    const receivedIds = () => new Set(receiver.at('/kill', 'message_created').map((r) => Number(r.body.id)));
    const deadline = Date.now() + Number(process.env.KILL_TEST_WAIT_MS ?? 240_000);
    let lost = committed.filter((m) => !receivedIds().has(m.id));
    while (lost.length > 0 && Date.now() < deadline) {
      assert.equal(second.process.exitCode, null, `the restarted server exited: ${second.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      lost = committed.filter((m) => !receivedIds().has(m.id));
    }
    if (lost.length > 0) {
      const events = await db.kysely.selectFrom('events').select(['name', 'dispatched_at', 'attempts', 'last_error']).where('dispatched_at', 'is', null).execute();
      const deliveries = await db.kysely.selectFrom('webhook_deliveries').select(['status', 'attempts', 'last_error', 'locked_until']).where('status', '!=', 'succeeded').execute();
      const jobs = await db.kysely.selectFrom('jobs').select(['name', 'state', 'attempts', 'run_at', 'last_error']).execute();
      assert.fail(`${lost.length} of ${committed.length} committed messages never reached the receiver; undispatched events ${JSON.stringify(events.slice(0, 5))} (${events.length}); `
        + `open deliveries ${JSON.stringify(deliveries.slice(0, 5))} (${deliveries.length}); jobs ${JSON.stringify(jobs.slice(0, 8))} (${jobs.length}); now ${Date.now()}; log ${second.output().slice(0, 2000)}`);
    }

    // First arrival of each message, per conversation, follows creation order.
    const seen = new Set<number>();
    const arrivals = new Map<number, number[]>();
    for (const request of receiver.at('/kill', 'message_created')) {
      const id = Number(request.body.id);
      if (!seen.has(id)) {
        seen.add(id);
        const conversationId = Number((request.body.conversation as { id: number }).id);
        arrivals.set(conversationId, [...(arrivals.get(conversationId) ?? []), id]);
      }
    }
    for (const [conversation, ids] of arrivals) {
      assert.deepEqual(ids, [...ids].sort((a, b) => a - b), `conversation ${conversation} in order`);
    }
    const duplicates = receiver.at('/kill', 'message_created').length - seen.size;
    const deliveryIds = new Map<number, Set<string>>();
    for (const request of receiver.at('/kill', 'message_created')) {
      const set = deliveryIds.get(Number(request.body.id)) ?? new Set<string>();
      set.add(String(request.headers['x-chatwoot-delivery']));
      deliveryIds.set(Number(request.body.id), set);
    }
    assert.ok([...deliveryIds.values()].every((set) => set.size === 1), 'a resent message keeps its delivery id');
    // Recorded for whoever reads the test output: at-least-once means a few may arrive twice.
    console.log(`kill -9: ${committed.length} committed (${acknowledged.length} acknowledged), 0 lost, ${duplicates} resent after the restart`);
  });
});
