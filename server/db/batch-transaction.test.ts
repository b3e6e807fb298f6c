import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { BatchTransaction } from './batch-transaction.js';
import { connect, type Db } from './connect.js';
import { migrate } from './migrate.js';
import type { Database } from './schema.js';
import { isolatedDatabase } from '../test/harness.js';

describe('batch transaction', () => {
  let db: Db;
  let kysely: Kysely<Database>;
  let consumer = 0;
  /** A unit of work: one receipt row under a consumer name of its own test. */
  const receipt = (name: string, eventId: number) => (tx: Kysely<Database>) =>
    tx.insertInto('consumer_receipts').values({ consumer: name, event_id: eventId, created_at: 0 }).execute().then(() => eventId);
  /** A batch under a fresh consumer name, with the results each of its commits reported. */
  const startBatch = (budgetMs: number) => {
    const committed: number[][] = [];
    const batch = new BatchTransaction<number>(kysely, budgetMs, async (results) => { committed.push(results); });
    return { name: `bt-${++consumer}`, committed, batch };
  };
  const stored = async (name: string) => (await kysely.selectFrom('consumer_receipts').select('event_id')
    .where('consumer', '=', name).orderBy('event_id').execute()).map((r) => r.event_id);

  before(async () => {
    const database = await isolatedDatabase();
    db = connect(database.url);
    await migrate(db);
    kysely = db.kysely;
    // A child whose parent is checked only at COMMIT, to make a commit fail.
    await sql`CREATE TABLE batch_parent (id integer PRIMARY KEY)`.execute(kysely);
    await sql`CREATE TABLE batch_child (id integer PRIMARY KEY, parent_id integer NOT NULL REFERENCES batch_parent (id) DEFERRABLE INITIALLY DEFERRED)`.execute(kysely);
  });
  after(() => db.close());

  it('rolls back only the unit that fails; the others commit at finish, and the commit hook gets their results', async () => {
    const { name, committed, batch } = startBatch(60_000);
    assert.equal(await batch.run(receipt(name, 1)), 1);
    await assert.rejects(batch.run(async (tx) => {
      await receipt(name, 2)(tx);
      throw new Error('unit 2 breaks after writing');
    }), /unit 2 breaks/);
    // A unit whose statement fails (duplicate key) leaves the transaction usable for the next.
    await assert.rejects(batch.run(receipt(name, 1)));
    assert.equal(await batch.run(receipt(name, 3)), 3);
    assert.deepEqual(committed, [], 'nothing is committed before the budget or finish');
    await batch.finish();
    assert.deepEqual(committed, [[1, 3]]);
    assert.deepEqual(await stored(name), [1, 3]);
  });

  it('commits once the budget has passed, so later units go into a new transaction', async () => {
    const { name, committed, batch } = startBatch(0);
    await batch.run(receipt(name, 1));
    assert.deepEqual(await stored(name), [1], 'a spent budget commits right after the unit');
    await batch.run(receipt(name, 2));
    await batch.finish();
    assert.deepEqual(committed, [[1], [2]]);
    assert.deepEqual(await stored(name), [1, 2]);
  });

  it('throws from finish when a commit failed, and keeps nothing of that chunk', async () => {
    const { name, committed, batch } = startBatch(60_000);
    await batch.run(receipt(name, 1));
    await batch.run(async (tx) => {
      await sql`INSERT INTO batch_child (id, parent_id) VALUES (1, 999)`.execute(tx);
      return 2;
    });
    await assert.rejects(batch.finish());
    assert.deepEqual(committed, []);
    assert.deepEqual(await stored(name), []);
    const children = await sql<{ n: number }>`SELECT count(*) AS n FROM batch_child`.execute(kysely);
    assert.equal(Number(children.rows[0].n), 0);
  });
});
