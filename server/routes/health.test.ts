import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectRedis } from '../lib/redis.js';
import { buildTestApp } from '../test/harness.js';

describe('GET /health', async () => {
  const t = await buildTestApp();

  it('is 200 while the database answers', async () => {
    const res = await t.request('GET', '/health');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok', database: 'up' });
  });

  it('checks Redis when one is configured, and says when it is down', { skip: !process.env.REDIS_URL && 'REDIS_URL is not set' }, async () => {
    const redis = connectRedis(process.env.REDIS_URL as string);
    try {
      t.deps.redis = redis;
      await new Promise((resolve) => redis.once('ready', resolve));
      const up = await t.request('GET', '/health');
      assert.equal(up.statusCode, 200);
      assert.deepEqual(up.json(), { status: 'ok', database: 'up', redis: 'up' });
      redis.disconnect();
      const down = await t.request('GET', '/health');
      assert.equal(down.statusCode, 503);
      assert.deepEqual(down.json(), { status: 'unavailable', database: 'up', redis: 'down' });
    } finally {
      t.deps.redis = null;
      redis.disconnect();
    }
  });

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const res = await t.request('GET', '/api-docs');
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.paths['/api/v1/accounts/{account_id}/'] || doc.paths['/api/v1/accounts/{account_id}'], 'account path documented');
    assert.ok(doc.paths['/api/v1/profile/'] || doc.paths['/api/v1/profile'], 'profile path documented');
  });
});
