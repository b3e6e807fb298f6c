import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { SYSTEM, withTransaction } from '../context.js';
import { buildAccount } from '../test/factories.js';
import { buildTestApp } from '../test/harness.js';
import type { DomainEvent, EventName } from './catalog.js';
import { Dispatcher, type Consumer } from './dispatcher.js';
import { recordEvent } from './outbox.js';

/** A consumer that records events and can be told to fail on some of them. */
function recorder(events: readonly EventName[], failFirstTimeOn: Set<number> = new Set()): Consumer & { seen: DomainEvent[] } {
  const seen: DomainEvent[] = [];
  return {
    name: 'recorder',
    events,
    seen,
    async handle(event) {
      const marker = Number(event.data?.marker);
      if (failFirstTimeOn.delete(marker)) {
        throw new Error(`refusing ${marker} once`);
      }
      seen.push(event);
    },
  };
}

describe('outbox and dispatcher', async () => {
  const t = await buildTestApp();
  const db = t.deps.db;
  const log = pino({ level: 'silent' });

  it('delivers an event after commit, with its envelope, exactly once', async () => {
    const account = await buildAccount(db.kysely);
    await withTransaction(t.deps, (tx) => recordEvent(tx, {
      name: 'contact.updated', accountId: account.id, actor: { type: 'User', id: 7 }, contactId: 42,
      changes: { name: ['Old', 'New'] },
    }));
    await t.deps.dispatcher.drain();
    await t.deps.dispatcher.drain();
    const delivered = t.events.of(account.id, 'contact.updated');
    assert.equal(delivered.length, 1);
    assert.equal(delivered[0].contactId, 42);
    assert.deepEqual(delivered[0].actor, { type: 'User', id: 7 });
    assert.deepEqual(delivered[0].changes, { name: ['Old', 'New'] });
    assert.equal(typeof delivered[0].occurredAt, 'number');
  });

  it('delivers nothing for a rolled-back transaction', async () => {
    const account = await buildAccount(db.kysely);
    await assert.rejects(withTransaction(t.deps, async (tx) => {
      await recordEvent(tx, { name: 'contact.created', accountId: account.id, actor: null, contactId: 1 });
      throw new Error('business rule failed');
    }));
    await t.deps.dispatcher.drain();
    assert.equal(t.events.of(account.id).length, 0);
    const rows = await db.kysely.selectFrom('events').selectAll().where('account_id', '=', account.id).execute();
    assert.equal(rows.length, 0);
  });

  it('replays events left undelivered by an earlier process', async () => {
    const account = await buildAccount(db.kysely);
    await db.kysely.transaction().execute(async (tx) => {
      for (const marker of [1, 2, 3]) {
        await recordEvent(tx, { name: 'message.created', accountId: account.id, actor: null, conversationId: 1, data: { marker } });
      }
    });
    const consumer = recorder(['message.created']);
    const fresh = new Dispatcher(db, log);
    fresh.register(consumer);
    await fresh.drain();
    const mine = consumer.seen.filter((e) => e.accountId === account.id);
    assert.deepEqual(mine.map((e) => e.data?.marker), [1, 2, 3]);
    const pending = await db.kysely.selectFrom('events').select('id')
      .where('account_id', '=', account.id).where('dispatched_at', 'is', null).execute();
    assert.equal(pending.length, 0);
  });

  it('retries a failed event and keeps later events of that conversation behind it', async () => {
    const account = await buildAccount(db.kysely);
    await db.kysely.transaction().execute(async (tx) => {
      await recordEvent(tx, { name: 'message.created', accountId: account.id, actor: SYSTEM, conversationId: 900, data: { marker: 11 } });
      await recordEvent(tx, { name: 'message.created', accountId: account.id, actor: SYSTEM, conversationId: 901, data: { marker: 21 } });
      await recordEvent(tx, { name: 'message.created', accountId: account.id, actor: SYSTEM, conversationId: 900, data: { marker: 12 } });
    });
    const consumer = recorder(['message.created'], new Set([11]));
    const dispatcher = new Dispatcher(db, log);
    dispatcher.register(consumer);
    await dispatcher.drain();
    const markers = () => consumer.seen.filter((e) => e.accountId === account.id).map((e) => e.data?.marker);
    assert.deepEqual(markers(), [21], 'the other conversation goes on; 12 waits behind 11');
    const failed = await db.kysely.selectFrom('events').select(['attempts', 'last_error'])
      .where('account_id', '=', account.id).where('dispatched_at', 'is', null).orderBy('id').execute();
    assert.equal(failed.length, 2);
    assert.equal(failed[0].attempts, 1);
    assert.match(failed[0].last_error ?? '', /refusing 11 once/);
    await dispatcher.drain();
    assert.deepEqual(markers(), [21, 11, 12]);
    await dispatcher.stop();
  });

  it('hands the whole batch to each consumer in turn: a slow consumer does not hold back the ones before it', async () => {
    const account = await buildAccount(db.kysely);
    await db.kysely.transaction().execute(async (tx) => {
      for (const marker of [31, 32, 33]) {
        await recordEvent(tx, { name: 'message.created', accountId: account.id, actor: SYSTEM, conversationId: 930, data: { marker } });
      }
    });
    const first = recorder(['message.created']);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowSeen: number[] = [];
    const slow: Consumer = {
      name: 'slow',
      events: ['message.created'],
      async handle(event) {
        if (event.accountId === account.id) {
          await gate;
          slowSeen.push(Number(event.data?.marker));
        }
      },
    };
    const dispatcher = new Dispatcher(db, log);
    dispatcher.register(first);
    dispatcher.register(slow);
    const draining = dispatcher.drain();
    const markers = () => first.seen.filter((e) => e.accountId === account.id).map((e) => e.data?.marker);
    for (let i = 0; i < 500 && markers().length < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.deepEqual(markers(), [31, 32, 33], 'the first consumer had the whole batch while the second was still on its first event');
    assert.deepEqual(slowSeen, []);
    release();
    await draining;
    assert.deepEqual(slowSeen, [31, 32, 33], 'each consumer still sees a conversation in order');
    await dispatcher.stop();
  });

  it('holds later events of a conversation back from the consumers after the one that failed, and delivers them in order on the retry', async () => {
    const account = await buildAccount(db.kysely);
    await db.kysely.transaction().execute(async (tx) => {
      for (const marker of [41, 42]) {
        await recordEvent(tx, { name: 'message.created', accountId: account.id, actor: SYSTEM, conversationId: 940, data: { marker } });
      }
    });
    const first = recorder(['message.created']);
    const failing = recorder(['message.created'], new Set([41]));
    const last = recorder(['message.created']);
    const dispatcher = new Dispatcher(db, log);
    dispatcher.register(first);
    dispatcher.register(failing);
    dispatcher.register(last);
    await dispatcher.drain();
    const ours = (c: { seen: DomainEvent[] }) => c.seen.filter((e) => e.accountId === account.id).map((e) => e.data?.marker);
    assert.deepEqual(ours(failing), [], 'the failing consumer did not get 42 ahead of 41');
    assert.deepEqual(ours(last), [41], 'a later consumer gets the failed event but not the one behind it');
    await dispatcher.drain();
    assert.deepEqual(ours(failing), [41, 42]);
    assert.deepEqual(ours(last), [41, 41, 42], 'delivered again on the retry: at least once, in order');
    assert.deepEqual(ours(first), [41, 42, 41, 42]);
    await dispatcher.stop();
  });

  it('hands a consumer with forBatch each batch\'s events it takes before any is handled, then its batch handler takes them in order and is finished', async () => {
    const account = await buildAccount(db.kysely);
    await db.kysely.transaction().execute(async (tx) => {
      for (const [name, marker] of [['contact.created', 51], ['message.created', 52], ['contact.created', 53]] as const) {
        await recordEvent(tx, { name, accountId: account.id, actor: SYSTEM, contactId: marker, data: { marker } });
      }
    });
    const calls: string[] = [];
    const batched: Consumer = {
      name: 'batched',
      events: ['contact.created'],
      async handle(event) {
        if (event.accountId === account.id) {
          calls.push(`handle ${event.data?.marker}`);
        }
      },
      async forBatch(events) {
        const ours = events.filter((e) => e.accountId === account.id);
        if (ours.length > 0) {
          calls.push(`batch ${ours.map((e) => `${e.name} ${e.data?.marker}`).join(', ')}`);
        }
        return {
          handle: async (event) => {
            if (event.accountId === account.id) {
              calls.push(`batch handler ${event.data?.marker}`);
            }
          },
          finish: async () => {
            if (ours.length > 0) {
              calls.push('finish');
            }
          },
        };
      },
    };
    const dispatcher = new Dispatcher(db, log);
    dispatcher.register(batched);
    await dispatcher.drain();
    assert.deepEqual(calls, ['batch contact.created 51, contact.created 53', 'batch handler 51', 'batch handler 53', 'finish']);
    await dispatcher.stop();
  });

  it('takes the events of a batch again when its finish fails', async () => {
    const account = await buildAccount(db.kysely);
    await db.kysely.transaction().execute(async (tx) => {
      for (const marker of [71, 72]) {
        await recordEvent(tx, { name: 'contact.updated', accountId: account.id, actor: SYSTEM, contactId: marker, data: { marker } });
      }
    });
    const kept: number[] = [];
    let refuse = true;
    const consumer: Consumer = {
      name: 'finisher',
      events: ['contact.updated'],
      async handle() {
        throw new Error('the batch handler is used');
      },
      async forBatch() {
        const gathered: number[] = [];
        return {
          handle: async (event) => {
            if (event.accountId === account.id) {
              gathered.push(Number(event.data?.marker));
            }
          },
          finish: async () => {
            if (refuse && gathered.length > 0) {
              refuse = false;
              throw new Error('could not record');
            }
            kept.push(...gathered);
          },
        };
      },
    };
    const dispatcher = new Dispatcher(db, log);
    dispatcher.register(consumer);
    await dispatcher.drain();
    assert.deepEqual(kept, []);
    const failed = await db.kysely.selectFrom('events').select(['attempts', 'last_error'])
      .where('account_id', '=', account.id).where('dispatched_at', 'is', null).orderBy('id').execute();
    assert.deepEqual(failed.map((e) => e.attempts), [1, 1]);
    assert.match(failed[0].last_error ?? '', /could not record/);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await dispatcher.drain();
    assert.deepEqual(kept, [71, 72]);
    await dispatcher.stop();
  });

  it('hands the events to handle one by one when forBatch fails, and delivers them', async () => {
    const account = await buildAccount(db.kysely);
    await db.kysely.transaction().execute(async (tx) => {
      for (const marker of [61, 62]) {
        await recordEvent(tx, { name: 'contact.updated', accountId: account.id, actor: SYSTEM, contactId: marker, data: { marker } });
      }
    });
    const consumer = { ...recorder(['contact.updated']), forBatch: async () => Promise.reject(new Error('load failed')) };
    const dispatcher = new Dispatcher(db, log);
    dispatcher.register(consumer);
    await dispatcher.drain();
    assert.deepEqual(consumer.seen.filter((e) => e.accountId === account.id).map((e) => e.data?.marker), [61, 62]);
    const pending = await db.kysely.selectFrom('events').select('id')
      .where('account_id', '=', account.id).where('dispatched_at', 'is', null).execute();
    assert.equal(pending.length, 0);
    await dispatcher.stop();
  });

  it('lets the event loop turn during a long batch, so work that arrives meanwhile runs before the batch ends', async () => {
    const account = await buildAccount(db.kysely);
    await db.kysely.transaction().execute(async (tx) => {
      for (let marker = 1; marker <= 6; marker += 1) {
        await recordEvent(tx, { name: 'contact.updated', accountId: account.id, actor: SYSTEM, contactId: marker, data: { marker } });
      }
    });
    const order: string[] = [];
    const consumer: Consumer = {
      name: 'busy',
      events: ['contact.updated'],
      async handle(event) {
        // Synchronous work, as better-sqlite3 queries are: longer than the drain's slice.
        const until = performance.now() + 6;
        while (performance.now() < until);
        order.push(`event ${event.data?.marker}`);
      },
    };
    const dispatcher = new Dispatcher(db, log);
    dispatcher.register(consumer);
    const draining = dispatcher.drain();
    setImmediate(() => order.push('request'));
    await draining;
    const mine = order.filter((o) => o === 'request' || /^event [1-6]$/.test(o));
    assert.equal(mine.length, 7);
    assert.notEqual(mine.indexOf('request'), 6, `the waiting work ran only after the whole batch: ${mine.join(', ')}`);
    await dispatcher.stop();
  });
});
