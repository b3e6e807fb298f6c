import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { isPostgres } from '../../../../../db/dialect.js';
import type { AccountRow, ContactRow } from '../../../../../db/schema.js';
import { searchQueryFor } from '../../../../../finders/contact.finder.js';
import { buildAccount, buildAdmin, buildContact } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

describe('GET /contacts/search from the trigram index', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const contact = (account: AccountRow, values: Partial<ContactRow> = {}) => buildContact(db, { account, contact: values });
  const search = async (accountId: number, token: string, q: string): Promise<number[]> => {
    const res = await t.request('GET', `/api/v1/accounts/${accountId}/contacts/search?q=${encodeURIComponent(q)}`, { token });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().payload.map((c: { id: number }) => c.id);
  };

  it('finds a substring anywhere in name, email, phone and identifier', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const named = await contact(account, { name: 'Margaret Thatcherly', email: null });
    const mailed = await contact(account, { email: 'quixotic.owl@example.org' });
    const phoned = await contact(account, { phone_number: '+442079460123' });
    const identified = await contact(account, { identifier: 'CRM-ZeBrA-42' });
    await contact(account, { name: 'Unrelated person' });
    assert.deepEqual(await search(account.id, token, 'thatch'), [named.id]);
    assert.deepEqual(await search(account.id, token, 'GARET THA'), [named.id]);
    assert.deepEqual(await search(account.id, token, 'xotic.o'), [mailed.id]);
    assert.deepEqual(await search(account.id, token, 'QUIXOTIC'), [mailed.id]);
    assert.deepEqual(await search(account.id, token, '2079460'), [phoned.id]);
    assert.deepEqual(await search(account.id, token, 'ZeBrA-4'), [identified.id]);
    assert.deepEqual(await search(account.id, token, 'zebra-4'), [], 'identifier matches respecting case');
    assert.deepEqual(await search(account.id, token, 'a"b'), []);
  });

  it('pages a substring many contacts share in id order, identifier hits by case, the same sorted by id or not', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const other = await buildAccount(db);
    const made: ContactRow[] = [];
    for (let i = 0; i < 40; i++) {
      if (i % 7 === 0) {
        await contact(other, { name: `Commonword ${i}` });
      }
      made.push(await contact(account, i % 5 === 0
        ? { name: `Person ${i}`, email: null, identifier: `Commonword-${i}` }
        : { name: i % 2 ? `Commonword Person ${i}` : `Someone ${i}`, email: i % 2 ? null : `x${i}@commonword.example` }));
    }
    made.push(await contact(account, { name: 'Lowercase id', email: null, identifier: 'commonword-lower' }));
    const expected = made.filter((c) => /commonword/i.test(`${c.name} ${c.email ?? ''}`) || (c.identifier ?? '').includes('Commonword')).map((c) => c.id);
    assert.equal(expected.length, 40, 'all but the lower-case identifier');
    const page = async (n: number, sort = '') => {
      const res = await t.request('GET', `/api/v1/accounts/${account.id}/contacts/search?q=Commonword&page=${n}${sort}`, { token });
      assert.equal(res.statusCode, 200, res.body);
      return { ids: res.json().payload.map((c: { id: number }) => c.id), more: res.json().meta.has_more };
    };
    const pages = [await page(1), await page(2), await page(3)];
    assert.deepEqual(pages.map((p) => p.ids), [expected.slice(0, 15), expected.slice(15, 30), expected.slice(30)]);
    assert.deepEqual(pages.map((p) => p.more), [true, true, false]);
    assert.deepEqual((await page(1, '&sort=created_at')).ids, expected.slice(0, 15), 'a sort key takes the other path to the same rows');
  });

  it('matches queries under three characters as a prefix', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const zed = await contact(account, { name: 'Zed Quill', email: 'zq@example.com' });
    const mail = await contact(account, { name: 'Other', email: 'qz@example.com' });
    const phone = await contact(account, { name: 'Phone', phone_number: '+19995550000' });
    assert.deepEqual(await search(account.id, token, 'ze'), [zed.id]);
    assert.deepEqual(await search(account.id, token, 'QZ'), [mail.id]);
    assert.deepEqual(await search(account.id, token, '+1'), [phone.id]);
    assert.deepEqual(await search(account.id, token, 'ui'), [], 'not a prefix of anything');
  });

  it('follows updates and deletions of contacts', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const one = await contact(account, { name: 'Beforename Smith' });
    assert.deepEqual(await search(account.id, token, 'beforename'), [one.id]);
    const res = await t.request('PATCH', `/api/v1/accounts/${account.id}/contacts/${one.id}`, { token, body: { name: 'Aftername Smith' } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(await search(account.id, token, 'beforename'), []);
    assert.deepEqual(await search(account.id, token, 'aftername'), [one.id]);
    await db.updateTable('contacts').set({ last_activity_at: Date.now() }).where('id', '=', one.id).execute();
    assert.deepEqual(await search(account.id, token, 'aftername'), [one.id]);
    await db.deleteFrom('contacts').where('id', '=', one.id).execute();
    assert.deepEqual(await search(account.id, token, 'aftername'), []);
  });

  it('never returns another account\'s contact', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const other = await buildAccount(db);
    await contact(other, { name: 'Isolde Elsewhere', email: 'isolde@elsewhere.test', phone_number: '+15550101999', identifier: 'isolde-x' });
    const mine = await contact(account, { name: 'Isolde Here' });
    for (const q of ['isolde', 'elsewhere.test', '0101999', 'isolde-x', 'is']) {
      assert.deepEqual(await search(account.id, token, q), q.startsWith('isolde') && q !== 'isolde-x' ? [mine.id] : q === 'is' ? [mine.id] : [], q);
    }
  });

  it('reads the index, not every row, on a seeded table', async () => {
    const account = await buildAccount(db);
    const at = Date.now();
    // Varied values, as real names and addresses are: random hex and digits.
    const hex = isPostgres(db) ? sql`substr(md5(random()::text), 1, 12)` : sql`lower(hex(randomblob(6)))`;
    const digits = isPostgres(db) ? sql`(1000000000 + floor(random() * 8999999999)::bigint)::text` : sql`(1000000000 + abs(random()) % 8999999999)`;
    await sql`INSERT INTO contacts (account_id, name, middle_name, last_name, email, phone_number, identifier, additional_attributes,
        custom_attributes, contact_type, location, country_code, blocked, created_at, updated_at)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
      SELECT ${account.id}, 'N ' || ${hex}, '', '', ${hex} || i || '@' || ${hex} || '.test', '+1' || ${digits} || i, 'ID' || ${hex} || i, '{}', '{}', 0, '',
        '', ${isPostgres(db) ? sql`false` : sql`0`}, ${at}, ${at} FROM n`.execute(db);
    // As autovacuum would: fold the GIN pending list into the index and refresh the statistics.
    await (isPostgres(db) ? sql`VACUUM ANALYZE contacts` : sql`ANALYZE`).execute(db);
    const sample = await db.selectFrom('contacts').selectAll().where('account_id', '=', account.id).orderBy('id').offset(4321).limit(1)
      .executeTakeFirstOrThrow();
    const queries = [sample.name.slice(3, 9), (sample.email as string).slice(2, 10), (sample.phone_number as string).slice(3, 10),
      (sample.identifier as string).slice(2, 9), 'zq', 'Q'];
    for (const q of queries) {
      // The query the search runs for this q (on PostgreSQL, rare matches take the trigram-index path).
      const plan = await planOf((await searchQueryFor(db, account.id, q, 1)).compile());
      assert.ok(!fullScan(plan), `${q}: ${JSON.stringify(plan)}`);
      // Long queries read the trigram index; short ones a range of an ordinary index, not all of the account's rows.
      const used = q.length >= 3 ? /contacts_search/ : /USING INDEX \w+ \(account_id=\? AND .*[<>]|Index Cond: .*~>=~/;
      assert.ok(plan.some((line) => used.test(line)), `${q}: ${JSON.stringify(plan)}`);
    }
    const { token } = await buildAdmin(db, t.deps.env, account);
    for (const q of queries.slice(0, 4)) {
      assert.ok((await search(account.id, token, q)).includes(sample.id), q);
    }
  });

  it('merges the SQLite index\'s segments sixteen at a time, and still finds every contact written in separate transactions', async () => {
    if (isPostgres(db)) {
      return;
    }
    const config = await sql<{ v: number }>`SELECT v FROM contacts_search_config WHERE k = 'automerge'`.execute(db);
    assert.deepEqual(config.rows.map((row) => Number(row.v)), [16]);
    const account = await buildAccount(db);
    const { token } = await buildAdmin(db, t.deps.env, account);
    const made: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      made.push((await contact(account, { name: `Segment Person ${i}`, email: `segment${i}@merge.test` })).id);
    }
    const check = await sql`INSERT INTO contacts_search(contacts_search, rank) VALUES ('integrity-check', 1)`.execute(db);
    assert.ok(check);
    assert.deepEqual((await search(account.id, token, 'merge.test')).sort((a, b) => a - b), made.slice(0, 15));
    assert.deepEqual(await search(account.id, token, 'segment39@'), [made[39]]);
  });

  /**
   * The query's plan. On PostgreSQL sequential scans are priced out first: on a table this
   * small a scan is honestly cheaper, so the check is that an index can answer the query
   * at all (a missing index, a wrong operator class or a wrapped column leaves only the scan).
   */
  async function planOf(query: CompiledQuery): Promise<string[]> {
    if (isPostgres(db)) {
      return db.transaction().execute(async (tx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(tx);
        const result = await tx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]));
        return result.rows.map((row) => row['QUERY PLAN']);
      });
    }
    const result = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]));
    return result.rows.map((row) => row.detail);
  }

  /** A sequential scan of contacts (PostgreSQL), or a SCAN of the contacts table rather than a SEARCH (SQLite). */
  function fullScan(plan: string[]): boolean {
    return plan.some((line) => /Seq Scan on contacts\b/.test(line) || /^SCAN contacts\b(?!_search)/.test(line.trim()));
  }

  it('sorts the list by every key, ascending and descending', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const a = await contact(account, {
      name: 'Alpha', email: 'c@x.test', phone_number: '+12', created_at: 3000, last_activity_at: 1000,
      additional_attributes: { company_name: 'Beta', city: 'Cairo', country: 'Egypt' },
    });
    const b = await contact(account, {
      name: 'beta', email: 'a@x.test', phone_number: '+13', created_at: 1000, last_activity_at: 3000,
      additional_attributes: { company_name: 'Alpha', city: 'Athens', country: 'Greece' },
    });
    const c = await contact(account, {
      name: 'Gamma', email: 'b@x.test', phone_number: '+11', created_at: 2000, last_activity_at: 2000,
      additional_attributes: { company_name: 'Gamma', city: 'Berlin', country: 'Austria' },
    });
    const order = async (sort: string) => (await t.request('GET', `/api/v1/accounts/${account.id}/contacts?sort=${sort}`, { token }))
      .json().payload.map((row: { id: number }) => row.id);
    const expected: Record<string, number[]> = {
      name: [a.id, b.id, c.id], email: [b.id, c.id, a.id], phone_number: [c.id, a.id, b.id], created_at: [b.id, c.id, a.id],
      last_activity_at: [a.id, c.id, b.id], company_name: [b.id, a.id, c.id], company: [b.id, a.id, c.id], city: [b.id, c.id, a.id],
      country: [c.id, a.id, b.id],
    };
    for (const [key, ids] of Object.entries(expected)) {
      assert.deepEqual(await order(key), ids, key);
      assert.deepEqual(await order(`-${key}`), [...ids].reverse(), `-${key}`);
    }
  });
});
