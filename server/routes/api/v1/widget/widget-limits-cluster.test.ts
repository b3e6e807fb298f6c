import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdmin, buildWebWidgetInbox } from '../../../../test/factories.js';
import { startCluster } from '../../../../test/cluster.js';
import { TEST_DB } from '../../../../test/harness.js';

const REDIS_URL = process.env.REDIS_URL;
const SECRET = 'widget-limits-cluster-secret';
const skip = !REDIS_URL || TEST_DB !== 'postgres' ? 'needs REDIS_URL and the PostgreSQL test run' : false;

describe('widget rate limits behind two nodes', { skip }, async () => {
  if (skip) {
    return;
  }
  const { nodes: [nodeA, nodeB], db, env } = await startCluster({
    redisUrl: REDIS_URL as string, secretKeyBase: SECRET, env: { WIDGET_RATE_LIMIT_PER_IP: '6' },
  });

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
