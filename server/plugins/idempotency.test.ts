import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { buildTestApp } from '../test/harness.js';
import { registerErrorHandler } from './errors.js';
import { registerIdempotency } from './idempotency.js';

describe('Idempotency-Key', async () => {
  const t = await buildTestApp();
  let created = 0;
  let release: (() => void) | null = null;
  let failNext = false;

  // A real app on the real database, with one POST route that counts what it creates.
  const app = Fastify();
  registerErrorHandler(app);
  registerIdempotency(app, t.deps);
  app.addHook('onRequest', async (request) => {
    request.actor = { type: 'AgentBot', id: Number(request.headers['x-actor'] ?? 1) } as never;
  });
  app.post('/things', async (request, reply) => {
    if ((request.body as { slow?: boolean }).slow) {
      await new Promise<void>((resolve) => { release = resolve; });
    }
    if (failNext) {
      failNext = false;
      throw new Error('database went away');
    }
    created += 1;
    return reply.code(201).send({ id: created, echo: request.body });
  });
  await app.ready();

  const post = (key: string | undefined, body: unknown, actor = '1') => app.inject({
    method: 'POST', url: '/things', payload: body as object,
    headers: { 'x-actor': actor, ...(key ? { 'idempotency-key': key } : {}) },
  });

  it('replays the stored response for the same key and body, creating once', async () => {
    const first = await post('k-1', { name: 'a' });
    const second = await post('k-1', { name: 'a' });
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 201);
    assert.deepEqual(second.json(), first.json());
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(created, 1);
  });

  it('answers 422 when the key comes back with a different body', async () => {
    await post('k-2', { name: 'a' });
    const changed = await post('k-2', { name: 'b' });
    assert.equal(changed.statusCode, 422);
    assert.match(changed.json().error, /different request/);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const before = created;
    const slow = post('k-3', { slow: true });
    while (!release) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const duplicate = await post('k-3', { slow: true });
    assert.equal(duplicate.statusCode, 409);
    release();
    release = null;
    assert.equal((await slow).statusCode, 201);
    assert.equal(created, before + 1);
  });

  it('keeps keys of different callers apart', async () => {
    const before = created;
    await post('shared', { name: 'x' }, '1');
    const other = await post('shared', { name: 'x' }, '2');
    assert.equal(other.statusCode, 201);
    assert.equal(other.headers['idempotent-replayed'], undefined);
    assert.equal(created, before + 2);
  });

  it('releases the key after a server error so a retry runs again', async () => {
    failNext = true;
    const failed = await post('k-5', { name: 'z' });
    assert.equal(failed.statusCode, 500);
    const retried = await post('k-5', { name: 'z' });
    assert.equal(retried.statusCode, 201);
    assert.equal(retried.headers['idempotent-replayed'], undefined);
  });

  it('refuses an over-long key, naming it', async () => {
    const res = await post('k'.repeat(300), { name: 'a' });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(res.json().attributes, ['Idempotency-Key']);
  });

  it('does nothing without a key', async () => {
    const before = created;
    await post(undefined, { name: 'a' });
    await post(undefined, { name: 'a' });
    assert.equal(created, before + 2);
  });
});
