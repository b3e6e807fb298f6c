import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connect } from '../db/connect.js';
import { addInboxMember, buildAdmin, buildAgent, buildConversation, buildInbox } from '../test/factories.js';
import { isolatedDatabase, TEST_DB, testEnv } from '../test/harness.js';
import { RawCableClient } from './testing.js';
import { freePort } from '../lib/net.js';

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));
const REDIS_URL = process.env.REDIS_URL;
const SECRET = 'scale-out-test-secret';
/** Keeps this run's channel and presence keys apart from other runs on the same Redis. */
const PREFIX = `parley-test-${process.pid}-${Date.now()}`;


/** Starts `parley serve` and resolves once /health answers. */
async function startNode(databaseUrl: string): Promise<{ base: string; child: ChildProcess; log: string[] }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-node-'));
  const log: string[] = [];
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      ...process.env, DATABASE_URL: databaseUrl, REDIS_URL, PORT: String(port), HOST: '127.0.0.1',
      PARLEY_DATA_DIR: dataDir, SECRET_KEY_BASE: SECRET, LOG_LEVEL: 'warn', REDIS_PREFIX: PREFIX,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => log.push(String(chunk)));
  child.stderr?.on('data', (chunk) => log.push(String(chunk)));
  after(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    assert.equal(child.exitCode, null, `node exited: ${log.join('')}`);
    try {
      if ((await fetch(`${base}/health`)).ok) {
        return { base, child, log };
      }
    } catch {
      // not listening yet
    }
    assert.ok(Date.now() < deadline, `node did not start: ${log.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
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
