import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IMPORT_BATCH_SIZE } from '../../../../../jobs/import-contacts.job.js';
import { CsvParser } from '../../../../../lib/csv/parse.js';
import { taggingRepository } from '../../../../../repositories/tagging.repository.js';
import { buildAccount, buildAdmin, buildAgent, buildContact } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { multipartBody } from '../conversations/messages.fixtures.js';

describe('POST /api/v1/accounts/:account_id/contacts/import and /data_imports', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const contactsOf = (accountId: number) => db.selectFrom('contacts').selectAll().where('account_id', '=', accountId).orderBy('id').execute();

  async function upload(accountId: number, token: string, csv: string | Buffer, field = 'import_file') {
    const form = multipartBody([['note', 'x']], [{ field, filename: 'contacts.csv', type: 'text/csv', data: Buffer.isBuffer(csv) ? csv : Buffer.from(csv) }]);
    return t.app.inject({ method: 'POST', url: `/api/v1/accounts/${accountId}/contacts/import`, payload: form.payload, headers: { ...form.headers, api_access_token: token } });
  }

  async function importCsv(accountId: number, token: string, csv: string | Buffer) {
    const res = await upload(accountId, token, csv);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'pending');
    await t.settle();
    const shown = await t.request('GET', `/api/v1/accounts/${accountId}/data_imports/${res.json().id}`, { token });
    assert.equal(shown.statusCode, 200);
    return shown.json();
  }

  function readReport(text: string): string[][] {
    const parser = new CsvParser();
    return [...parser.push(text), ...parser.end()].map((r) => r.fields);
  }

  it('imports 1,000 good rows among 10 bad ones: exact counts, good rows intact, the 10 reported with reasons', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    await db.insertInto('labels').values({ account_id: account.id, title: 'vip', description: null, color: '#000000', show_on_sidebar: false, created_at: 1, updated_at: 1 }).execute();
    const holderA = await buildContact(db, { account, contact: { identifier: 'crm-a', email: 'a@held.example' } });
    await buildContact(db, { account, contact: { identifier: null, email: 'b@held.example' } });
    await buildContact(db, { account, contact: { identifier: 'crm-c', email: null, phone_number: '+15559990000' } });
    const lines = ['identifier,email,name,phone_number,plan,labels'];
    const bad = new Map<number, string>();
    for (let i = 0; i < 1010; i++) {
      const k = i % 101 === 50 ? Math.floor(i / 101) : -1;
      const good = `ext-${i},user${i}@example.com,User ${i},+1555${String(i).padStart(7, '0')},plan-${i % 3},${i % 2 ? 'vip' : ''}`;
      const badRows = [
        [`ext-${i},not-an-email,Bad ${i},,p,`, 'Email Invalid email'],
        [`ext-${i},two words@example.com,Bad ${i},,p,`, 'Email Invalid email'],
        [`ext-${i},,Bad ${i},212-555-1234,p,`, 'Phone number should be in e164 format'],
        [`ext-${i},,Bad ${i},+1 (212) 555-1234,p,`, 'Phone number should be in e164 format'],
        [`ext-${i},,Bad ${i},phone,p,`, 'Phone number should be in e164 format'],
        ['crm-a,b@held.example,Conflict,,p,', 'Email has already been taken'],
        ['crm-a,,Conflict 2,+15559990000,p,', 'Phone number has already been taken'],
        [`ext-${i},bad${i}@example.com,Bad ${i},,p,gold`, 'Unknown labels: gold'],
        [`ext-${i},long${i}@example.com,${'n'.repeat(256)},,p,`, 'Name is too long (maximum is 255 characters)'],
        [`"ext-${i}",x@,Bad,,p,`, 'Email Invalid email'],
      ];
      if (k >= 0) {
        lines.push(badRows[k][0]);
        bad.set(lines.length, badRows[k][1]);
      } else {
        lines.push(good);
      }
    }
    const result = await importCsv(account.id, token, `${lines.join('\n')}\n`);
    assert.equal(bad.size, 10);
    assert.deepEqual([result.status, result.total_records, result.processed_records, result.failed_records_count], ['completed', 1010, 1000, 10]);
    const contacts = await contactsOf(account.id);
    assert.equal(contacts.length, 1003);
    const sample = contacts.find((c) => c.identifier === 'ext-7');
    assert.deepEqual([sample?.email, sample?.name, sample?.phone_number, sample?.custom_attributes, sample?.contact_type],
      ['user7@example.com', 'User 7', '+15550000007', { plan: 'plan-1' }, 1]);
    assert.deepEqual(await taggingRepository.listTitles(db, account.id, 'Contact', sample?.id as number), ['vip']);
    assert.equal((await contactsOf(account.id)).find((c) => c.id === holderA.id)?.name, holderA.name);
    const report = await t.request('GET', result.failed_records_url, { token });
    assert.equal(report.statusCode, 200);
    assert.match(String(report.headers['content-type']), /text\/csv/);
    const rows = readReport(report.body);
    assert.deepEqual(rows[0], ['identifier', 'email', 'name', 'phone_number', 'plan', 'labels', 'errors', 'line']);
    assert.equal(rows.length, 11);
    assert.deepEqual(new Map(rows.slice(1).map((r) => [Number(r[7]), r[6]])), bad);
    await t.settle();
    assert.equal(t.events.of(account.id, 'contact.created').length, 1000);
  });

  it('reads quoted commas, line breaks in fields, a BOM and CRLF line ends', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const csv = '\uFEFFname,email,Company_Name,notes\r\n"Doe, Jane",jane@example.com,"Acme, Inc.","line one\r\nline two ""quoted"""\r\nBob,bob@example.com,,plain\r\n';
    const result = await importCsv(account.id, token, csv);
    assert.deepEqual([result.status, result.total_records, result.processed_records, result.failed_records_url], ['completed', 2, 2, null]);
    const [jane, bob] = await contactsOf(account.id);
    assert.deepEqual([jane.name, jane.email, jane.additional_attributes, jane.custom_attributes],
      ['Doe, Jane', 'jane@example.com', { company_name: 'Acme, Inc.' }, { company_name: 'Acme, Inc.', notes: 'line one\r\nline two "quoted"' }]);
    assert.deepEqual([bob.name, bob.custom_attributes], ['Bob', { notes: 'plain' }]);
  });

  it('matches existing contacts by identifier, then email, then phone, updating instead of creating', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const byId = await buildContact(db, { account, contact: { identifier: 'id-1', email: 'first@example.com', custom_attributes: { keep: 1 } } });
    const byEmail = await buildContact(db, { account, contact: { email: 'second@example.com' } });
    const byPhone = await buildContact(db, { account, contact: { email: null, phone_number: '+15551110000' } });
    const csv = [
      'identifier,email,name,phone_number,tier',
      'id-1,second-new@example.com,Matched By Id,,gold', // identifier wins although the email is new
      ',SECOND@example.com,Matched By Email,,silver',
      ',,Matched By Phone,15551110000,bronze', // the + is added
      'id-2,fresh@example.com,Created,,none',
      'id-2,,Created Twice,+15552220000,again', // matches the row above, in the same file
    ].join('\n');
    const result = await importCsv(account.id, token, csv);
    assert.deepEqual([result.total_records, result.processed_records], [5, 5]);
    const all = await contactsOf(account.id);
    assert.equal(all.length, 4);
    const get = (id: number) => all.find((c) => c.id === id);
    assert.deepEqual([get(byId.id)?.name, get(byId.id)?.email, get(byId.id)?.custom_attributes], ['Matched By Id', 'second-new@example.com', { keep: 1, tier: 'gold' }]);
    assert.deepEqual([get(byEmail.id)?.name, get(byEmail.id)?.custom_attributes], ['Matched By Email', { tier: 'silver' }]);
    assert.deepEqual([get(byPhone.id)?.name, get(byPhone.id)?.custom_attributes], ['Matched By Phone', { tier: 'bronze' }]);
    const created = all.find((c) => c.identifier === 'id-2');
    assert.deepEqual([created?.name, created?.email, created?.phone_number, created?.custom_attributes],
      ['Created Twice', 'fresh@example.com', '+15552220000', { tier: 'again' }]);
    await t.settle();
    assert.equal(t.events.of(account.id, 'contact.updated').filter((e) => e.contactId === byId.id).length, 1);
  });

  it('keeps imports apart across accounts: same keys in another account neither match nor conflict', async () => {
    const mine = await buildAdmin(db, t.deps.env);
    const theirs = await buildAdmin(db, t.deps.env);
    const foreign = await buildContact(db, { account: theirs.account, contact: { identifier: 'shared', email: 'shared@example.com', name: 'Theirs' } });
    const result = await importCsv(mine.account.id, mine.token, 'identifier,email,name\nshared,shared@example.com,Mine\n');
    assert.deepEqual([result.status, result.processed_records], ['completed', 1]);
    assert.equal((await contactsOf(mine.account.id))[0].name, 'Mine');
    assert.deepEqual((await contactsOf(theirs.account.id)).map((c) => [c.id, c.name]), [[foreign.id, 'Theirs']]);
    const peek = await t.request('GET', `/api/v1/accounts/${theirs.account.id}/data_imports/${result.id}`, { token: theirs.token });
    assert.equal(peek.statusCode, 404);
    const report = await t.request('GET', `/api/v1/accounts/${theirs.account.id}/data_imports/${result.id}/failed_records`, { token: theirs.token });
    assert.equal(report.statusCode, 404);
  });

  it('refuses agents and a missing or empty file; marks a malformed file failed, keeping earlier batches', async () => {
    const account = await buildAccount(db);
    const admin = await buildAdmin(db, t.deps.env, account);
    const agent = await buildAgent(db, t.deps.env, { account });
    const denied = await upload(account.id, agent.token, 'email\na@example.com\n');
    assert.deepEqual([denied.statusCode, denied.json()], [401, { error: 'You are not authorized to do this action' }]);
    assert.equal((await t.request('GET', `/api/v1/accounts/${account.id}/data_imports`, { token: agent.token })).statusCode, 401);
    const blank = await upload(account.id, admin.token, '');
    assert.deepEqual([blank.statusCode, blank.json()], [422, { error: 'File is blank' }]);
    const wrongField = await upload(account.id, admin.token, 'email\na@example.com\n', 'file');
    assert.equal(wrongField.statusCode, 422);
    const json = await t.request('POST', `/api/v1/accounts/${account.id}/contacts/import`, { token: admin.token, body: { import_file: 'x' } });
    assert.equal(json.statusCode, 422);
    // One full batch and half of the next before the malformed line: the first batch stays.
    const rows = Array.from({ length: IMPORT_BATCH_SIZE * 1.5 }, (_, i) => `m${i}@example.com`);
    const result = await importCsv(account.id, admin.token, `email\n${rows.join('\n')}\n"unclosed@example.com\n`);
    assert.equal(result.status, 'failed');
    assert.match(result.processing_errors, new RegExp(`unclosed quoted field on line ${rows.length + 2}`));
    assert.equal(result.processed_records, IMPORT_BATCH_SIZE);
    assert.equal((await contactsOf(account.id)).length, IMPORT_BATCH_SIZE);
    const list = await t.request('GET', `/api/v1/accounts/${account.id}/data_imports`, { token: admin.token });
    assert.deepEqual(list.json().payload.map((d: { id: number }) => d.id), [result.id]);
  });
});
