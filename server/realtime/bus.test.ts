import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import { connectRedis } from '../lib/redis.js';
import { LocalBus, RedisBus, type BusMessage } from './bus.js';

const REDIS_URL = process.env.REDIS_URL;

function collector() {
  const got: BusMessage[] = [];
  let wake = () => undefined as void;
  return {
    got,
    handler: (messages: BusMessage[]) => { got.push(...messages); wake(); },
    /** Resolves once `n` messages arrived (generous deadline). */
    async count(n: number): Promise<void> {
      const deadline = Date.now() + 30_000;
      while (got.length < n) {
        assert.ok(Date.now() < deadline, `only ${got.length} of ${n} messages arrived`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          wake = () => { clearTimeout(timer); resolve(); };
        });
      }
    },
  };
}

const frame = (n: number): BusMessage => ({ kind: 'broadcast', streams: ['token-a'], event: 'test.event', data: { n }, sequence: n });

describe('cable bus', () => {
  it('in-process: a publish reaches the local receiver once', async () => {
    const bus = new LocalBus();
    const c = collector();
    bus.onMessage(c.handler);
    await bus.start();
    await bus.publish(frame(1));
    assert.deepEqual(c.got, [frame(1)]);
    await bus.publishAll([frame(2), frame(3)]);
    assert.deepEqual(c.got, [frame(1), frame(2), frame(3)]);
    await bus.close();
    await bus.publish(frame(4));
    assert.deepEqual(c.got, [frame(1), frame(2), frame(3)]);
  });

  it('Redis: every node receives each message once, its own at once and each node\'s in publish order', { skip: !REDIS_URL && 'needs REDIS_URL' }, async () => {
    const prefix = `parley-bus-test-${process.pid}-${Date.now()}`;
    const log = pino({ level: 'silent' });
    const connections = [connectRedis(REDIS_URL!), connectRedis(REDIS_URL!)];
    after(() => connections.forEach((r) => r.disconnect()));
    const nodes = connections.map((redis) => new RedisBus(redis, prefix, log));
    const collectors = nodes.map((bus) => {
      const c = collector();
      bus.onMessage(c.handler);
      return c;
    });
    await Promise.all(nodes.map((bus) => bus.start()));
    after(() => Promise.all(nodes.map((bus) => bus.close())));
    const revalidate: BusMessage = { kind: 'revalidate', accountId: 7 };
    await nodes[0].publish(frame(1));
    assert.deepEqual(collectors[0].got, [frame(1)], 'the publishing node hands its message to its own sockets before publish resolves');
    await nodes[1].publish(frame(2));
    await nodes[0].publish(revalidate);
    await nodes[1].publishAll([frame(3), frame(4)]);
    const fromNode0 = [frame(1), revalidate];
    const fromNode1 = [frame(2), frame(3), frame(4)];
    for (const c of collectors) {
      await c.count(5);
      // Redis echoes every message to its publisher too: it must not be handed out a second time.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(c.got.length, 5);
      // Messages from the other node carry its origin; the comparison leaves it out.
      const got = c.got.map(({ origin: _origin, ...message }) => message as BusMessage);
      const from = (published: BusMessage[]) => got.filter((m) => published.some((p) => JSON.stringify(p) === JSON.stringify(m)));
      assert.deepEqual(from(fromNode0), fromNode0);
      assert.deepEqual(from(fromNode1), fromNode1);
    }
  });
});
