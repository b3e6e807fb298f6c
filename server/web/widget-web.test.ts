import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAdmin, buildWebWidgetInbox } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';

describe('widget files: /packs/js/sdk.js and /widget', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;

  it('serves the loader at Chatwoot\'s path', async () => {
    const res = await t.request('GET', '/packs/js/sdk.js');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/javascript/);
    assert.ok(res.body.includes('chatwootSDK'));
  });

  it('serves the app for a known website token; 404 otherwise; assets are cached for good', async () => {
    const { account } = await buildAdmin(db, t.deps.env);
    const { channel } = await buildWebWidgetInbox(db, { account });
    const res = await t.request('GET', `/widget?website_token=${channel.website_token}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['content-security-policy'], undefined);
    assert.equal(res.headers['x-frame-options'], undefined);
    const script = /src="(\/widget\/assets\/[^"]+\.js)"/.exec(res.body)?.[1];
    assert.ok(script, 'index.html names its script');
    const asset = await t.request('GET', script);
    assert.equal(asset.statusCode, 200);
    assert.match(String(asset.headers['cache-control']), /immutable/);
    assert.equal((await t.request('GET', '/widget?website_token=nope')).statusCode, 404);
    assert.equal((await t.request('GET', '/widget')).statusCode, 404);
    assert.equal((await t.request('GET', '/widget/assets/../../index.html')).statusCode, 404);
  });

  it('with allowed domains: frame-ancestors lists them, and a page of another site is refused with 403', async () => {
    const { account } = await buildAdmin(db, t.deps.env);
    const { channel } = await buildWebWidgetInbox(db, { account, channel: { allowed_domains: 'shop.example,*.example.org' } });
    const url = `/widget?website_token=${channel.website_token}`;
    const ok = await t.request('GET', url, { headers: { referer: 'https://shop.example/' } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['content-security-policy'], "frame-ancestors 'self' shop.example:* *.example.org:*");
    const refused = await t.request('GET', url, { headers: { referer: 'https://evil.example/' } });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.headers['content-security-policy'], "frame-ancestors 'none'");
    assert.equal((await t.request('GET', url, { headers: { referer: 'https://a.example.org/x' } })).statusCode, 200);
  });
});
