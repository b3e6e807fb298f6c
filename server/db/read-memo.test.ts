import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { connect, type Db } from './connect.js';
import { migrate } from './migrate.js';
import { outsideReadMemo, rememberValue, withReadMemo } from './read-memo.js';
import type { Database } from './schema.js';
import { isolatedDatabase } from '../test/harness.js';
import { buildAccount } from '../test/factories.js';

describe('read memo', () => {
  let db: Db;
  let kysely: Kysely<Database>;
  let accountId: number;
  const nameOf = async () => (await kysely.selectFrom('accounts').select('name').where('id', '=', accountId).executeTakeFirstOrThrow()).name;
  const rename = (name: string) => kysely.updateTable('accounts').set({ name }).where('id', '=', accountId).execute();

  before(async () => {
    const database = await isolatedDatabase();
    db = connect(database.url);
    await migrate(db);
    kysely = db.kysely;
    accountId = (await buildAccount(kysely, { name: 'first' })).id;
  });
  after(() => db.close());

  it('answers a repeated read from memory, as of its first run', async () => {
    await withReadMemo(async () => {
      assert.equal(await nameOf(), 'first');
      // A write from outside the memo (another request) is not seen by the memo's readers.
      await outsideReadMemo(() => rename('second'));
      assert.equal(await nameOf(), 'first');
    });
    assert.equal(await nameOf(), 'second');
  });

  it('drops remembered reads of a table the memo itself writes', async () => {
    await rename('before');
    await withReadMemo(async () => {
      assert.equal(await nameOf(), 'before');
      await rename('after');
      assert.equal(await nameOf(), 'after');
    });
  });

  it('keeps reads of other tables across a write', async () => {
    await rename('kept');
    await withReadMemo(async () => {
      assert.equal(await nameOf(), 'kept');
      await kysely.deleteFrom('labels').where('account_id', '=', accountId).execute();
      await outsideReadMemo(() => rename('changed'));
      assert.equal(await nameOf(), 'kept');
    });
  });

  it('always sends locking reads and raw SQL to the database', async () => {
    await rename('locked');
    await withReadMemo(async () => {
      const locking = () => kysely.selectFrom('accounts').select('name').where('id', '=', accountId).forUpdate().executeTakeFirstOrThrow();
      const raw = async () => (await sql<{ name: string }>`SELECT name FROM accounts WHERE id = ${accountId}`.execute(kysely)).rows[0].name;
      if (db.dialect === 'postgres') {
        // SQLite has no row locks (its writers are serialized); PostgreSQL's must be taken every time.
        assert.equal((await locking()).name, 'locked');
      }
      assert.equal(await raw(), 'locked');
      await outsideReadMemo(() => rename('moved'));
      if (db.dialect === 'postgres') {
        assert.equal((await locking()).name, 'moved');
      }
      assert.equal(await raw(), 'moved');
    });
  });

  it('hands each caller its own copy of the rows', async () => {
    await withReadMemo(async () => {
      const first = await kysely.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
      first.name = 'scribbled';
      const second = await kysely.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
      assert.notEqual(second.name, 'scribbled');
      assert.deepEqual(second.settings, first.settings);
    });
  });

  it('stops answering once its body has returned, even for work the body started', async () => {
    await rename('one');
    let later: Promise<string> = Promise.resolve('');
    await withReadMemo(async () => {
      assert.equal(await nameOf(), 'one');
      later = new Promise((resolve) => setTimeout(resolve, 20)).then(nameOf);
    });
    await rename('two');
    assert.equal(await later, 'two');
  });

  it('remembers a built value until a write touches a table it was read from', async () => {
    await rename('built');
    let builds = 0;
    const shout = () => rememberValue(`shout:${accountId}`, ['accounts'], async () => {
      builds += 1;
      return (await nameOf()).toUpperCase();
    });
    await withReadMemo(async () => {
      assert.equal(await shout(), 'BUILT');
      assert.equal(await shout(), 'BUILT');
      assert.equal(builds, 1);
      // A write to another table keeps it; a write to one it was read from drops it.
      await kysely.deleteFrom('labels').where('account_id', '=', accountId).execute();
      assert.equal(await shout(), 'BUILT');
      assert.equal(builds, 1);
      await rename('rebuilt');
      assert.equal(await shout(), 'REBUILT');
      assert.equal(builds, 2);
    });
    // Outside a memo it is built every time.
    await shout();
    await shout();
    assert.equal(builds, 4);
  });
});
