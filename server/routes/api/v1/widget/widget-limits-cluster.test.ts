import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { connect } from '../../../../db/connect.js';
import { buildAdmin, buildWebWidgetInbox } from '../../../../test/factories.js';
import { isolatedDatabase, TEST_DB, testEnv } from '../../../../test/harness.js';
import { startParleyServer } from '../../../../test/server-process.js';

const REDIS_URL = process.env.REDIS_URL;
const SECRET = 'widget-limits-cluster-secret';
const skip = !REDIS_URL || TEST_DB !== 'postgres' ? 'needs REDIS_URL and the PostgreSQL test run' : false;

describe('widget rate limits behind two nodes', { skip }, async () => {
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
  /** One prefix for both nodes: they are one installation. */
  const prefix = `parley-widget-limits-${process.pid}-${Date.now()}`;
  const start = async () => {
    const node = await startParleyServer({
      databaseUrl: database.url, redisUrl: REDIS_URL, secretKeyBase: SECRET,
      env: { REDIS_PREFIX: prefix, WIDGET_RATE_LIMIT_PER_IP: '6' },
    });
    after(() => node.stop());
    return node;
  };
  // One after the other: the first migrates the fresh schema.
  const nodeA = await start();
  const nodeB = await start();

  it('counts one budget per client IP across the nodes: the seventh request within the minute is 429 on either node', async () => {
    const { account } = await buildAdmin(db.kysely, env);
    const { channel } = await buildWebWidgetInbox(db.kysely, { account });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const node = i % 2 === 0 ? nodeA : nodeB;
      statuses.push((await fetch(`${node.base}/api/v1/widget/inbox_members?website_token=${channel.website_token}`)).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 429, 429]);
  });
});
