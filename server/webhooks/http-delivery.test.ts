import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hmacHex } from '../lib/tokens.js';
import { startReceiver, TestReceiver } from '../test/receiver.js';
import { deliver, isPrivateAddress, signedHeaders } from './http-delivery.js';

describe('signed webhook POSTs and the SSRF guard', async () => {
  const receiver = await startReceiver();
  const base = { secret: 'sekret', deliveryId: 'd-1', refusePrivate: false };

  it('signs "<timestamp>.<raw body>" with the secret and sends the delivery id', async () => {
    const body = JSON.stringify({ event: 'message_created', content: 'héllo' });
    const outcome = await deliver({ ...base, url: receiver.url('/sig'), body });
    assert.equal(outcome.ok, true);
    assert.equal(outcome.status, 200);
    const [got] = receiver.at('/sig');
    assert.equal(got.raw, body);
    const ts = String(got.headers['x-chatwoot-timestamp']);
    assert.match(ts, /^\d{10}$/);
    assert.equal(got.headers['x-chatwoot-signature'], `sha256=${hmacHex('sekret', `${ts}.${body}`)}`);
    assert.equal(got.headers['x-chatwoot-delivery'], 'd-1');
    assert.equal(got.headers['content-type'], 'application/json');
    assert.equal(got.headers.accept, 'application/json');
  });

  it('sends no timestamp or signature without a secret', () => {
    const headers = signedHeaders('{}', null, 'd-2');
    assert.equal(headers['X-Chatwoot-Signature'], undefined);
    assert.equal(headers['X-Chatwoot-Timestamp'], undefined);
    assert.equal(headers['X-Chatwoot-Delivery'], 'd-2');
  });

  it('retries network errors, 429 and 5xx, but not other 4xx or 3xx', async () => {
    receiver.respondWith(429, 500, 503, 404, 301, 400);
    const results = [];
    for (let i = 0; i < 6; i++) {
      results.push(await deliver({ ...base, url: receiver.url('/codes'), body: '{}' }));
    }
    assert.deepEqual(results.map((r) => [r.status, r.retryable, r.ok]), [
      [429, true, false], [500, true, false], [503, true, false], [404, false, false], [301, false, false], [400, false, false],
    ]);
    const closed = await new TestReceiver().up();
    await closed.down();
    const refused = await deliver({ ...base, url: closed.url('/x'), body: '{}' });
    assert.deepEqual([refused.ok, refused.retryable, refused.status], [false, true, null]);
    assert.match(refused.error ?? '', /ECONNREFUSED/);
  });

  it('times out a receiver that does not answer, as retryable', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const outcome = await deliver({ ...base, url: `http://127.0.0.1:${port}/`, body: '{}', timeoutMs: 100 });
    silent.closeAllConnections();
    silent.close();
    assert.deepEqual([outcome.ok, outcome.retryable], [false, true]);
    assert.match(outcome.error ?? '', /timed out/);
  });

  it('refuses loopback, private and link-local targets unless allowed, without retrying', async () => {
    for (const url of [receiver.url('/ssrf'), 'http://localhost:1/x', 'http://10.1.2.3/x', 'http://169.254.169.254/latest', 'http://[::1]:1/x', 'http://192.168.0.10/']) {
      const outcome = await deliver({ ...base, refusePrivate: true, url, body: '{}' });
      assert.deepEqual([outcome.ok, outcome.retryable], [false, false], url);
      assert.match(outcome.error ?? '', /refused private address/, url);
    }
    assert.equal(receiver.at('/ssrf').length, 0);
    const bad = await deliver({ ...base, refusePrivate: true, url: 'file:///etc/passwd', body: '{}' });
    assert.deepEqual([bad.ok, bad.retryable], [false, false]);
  });

  it('checks the address a host name resolves to, so a name cannot smuggle in a private target', async (t) => {
    const { hostname } = await import('node:os');
    const { lookup } = await import('node:dns/promises');
    const name = hostname();
    const resolved = await lookup(name).catch(() => null);
    if (!resolved || !isPrivateAddress(resolved.address)) {
      t.skip(`${name} does not resolve to a private address here`);
      return;
    }
    const outcome = await deliver({ ...base, refusePrivate: true, url: `http://${name}:${receiver.port}/by-name`, body: '{}' });
    assert.deepEqual([outcome.ok, outcome.retryable], [false, false]);
    assert.match(outcome.error ?? '', /refused private address/);
    assert.equal(receiver.at('/by-name').length, 0);
  });

  it('classifies addresses', () => {
    for (const address of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.1.1', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1']) {
      assert.equal(isPrivateAddress(address), true, address);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) {
      assert.equal(isPrivateAddress(address), false, address);
    }
  });
});
