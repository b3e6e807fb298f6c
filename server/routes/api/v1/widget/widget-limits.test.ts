import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTestApp } from '../../../../test/harness.js';
import { buildWidgetWorld } from './widget.fixtures.js';

describe('/api/v1/widget allowed domains and rate limits', async () => {
  const t = await buildTestApp();

  it('refuses pages of other sites with 403 when allowed_domains is set; allows listed hosts, wildcards, Parley itself and non-browser calls', async () => {
    const w = await buildWidgetWorld(t, { allowed_domains: 'shop.example,*.example.org' });
    const call = (headers: Record<string, string>) => w.call('POST', '/config', { headers });
    const refused = await call({ origin: 'https://evil.example' });
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(refused.json(), { error: 'This website is not allowed to use the widget' });
    assert.equal((await call({ referer: 'https://evil.example/page' })).statusCode, 403);
    assert.equal((await call({ origin: 'https://example.org' })).statusCode, 403);
    assert.equal((await call({ origin: 'https://shop.example' })).statusCode, 200);
    assert.equal((await call({ referer: 'https://www.example.org/x' })).statusCode, 200);
    assert.equal((await call({ origin: t.deps.env.frontendUrl })).statusCode, 200);
    assert.equal((await call({})).statusCode, 200);
    const open = await buildWidgetWorld(t);
    assert.equal((await open.call('POST', '/config', { headers: { origin: 'https://anywhere.example' } })).statusCode, 200);
  });

  it('answers 429 once a visitor passes the per-visitor limit, while other visitors go on', async () => {
    t.deps.env.widgetRateLimitPerVisitor = 5;
    try {
      const w = await buildWidgetWorld(t);
      const a = await w.visitor();
      const b = await w.visitor();
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        statuses.push((await w.call('GET', '/contact', { auth: a.token })).statusCode);
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
      const limited = await w.call('GET', '/contact', { auth: a.token });
      assert.deepEqual(limited.json(), { error: 'Too many requests' });
      assert.equal((await w.call('GET', '/contact', { auth: b.token })).statusCode, 200);
    } finally {
      t.deps.env.widgetRateLimitPerVisitor = 300;
    }
  });

  it('answers 429 once a client IP passes the per-IP limit', async () => {
    t.deps.env.widgetRateLimitPerIp = 3;
    try {
      const w = await buildWidgetWorld(t);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push((await w.call('GET', '/inbox_members', { headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode);
      }
      assert.deepEqual(statuses, [200, 200, 200]);
      const over = await w.call('GET', '/inbox_members', { headers: { 'x-forwarded-for': '203.0.113.9' } });
      assert.equal(over.statusCode, 429);
      assert.equal((await w.call('GET', '/inbox_members', { headers: { 'x-forwarded-for': '203.0.113.10' } })).statusCode, 200);
    } finally {
      t.deps.env.widgetRateLimitPerIp = 3000;
    }
  });
});
