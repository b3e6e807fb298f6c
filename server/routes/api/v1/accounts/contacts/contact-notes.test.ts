import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAccount, buildAdmin, buildAgent, buildAgentBot, buildContact } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';

const NOTE_KEYS = ['id', 'content', 'account_id', 'contact_id', 'user', 'created_at', 'updated_at'];

describe('/api/v1/accounts/:account_id/contacts/:contact_id/notes', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const url = (accountId: number, contactId: number, id?: number) =>
    `/api/v1/accounts/${accountId}/contacts/${contactId}/notes${id === undefined ? '' : `/${id}`}`;
  const notesOf = (contactId: number) => db.selectFrom('notes').selectAll().where('contact_id', '=', contactId).execute();

  it('answers 401 without a token and for bots, 404 across accounts', async () => {
    const account = await buildAccount(db);
    const contact = await buildContact(db, { account });
    assert.equal((await t.request('GET', url(account.id, contact.id))).statusCode, 401);
    const { token: botToken } = await buildAgentBot(db, t.deps.env, { account });
    assert.equal((await t.request('POST', url(account.id, contact.id), { token: botToken, body: { content: 'x' } })).statusCode, 401);
    const other = await buildAgent(db, t.deps.env);
    const foreign = await t.request('POST', url(other.account.id, contact.id), { token: other.token, body: { content: 'x' } });
    assert.equal(foreign.statusCode, 404);
    const outsider = await t.request('GET', url(account.id, contact.id), { token: other.token });
    assert.equal(outsider.statusCode, 401);
    assert.equal((await notesOf(contact.id)).length, 0);
  });

  it('creates, lists newest first, shows, updates and deletes notes in Chatwoot shape', async () => {
    const { account, token, user } = await buildAgent(db, t.deps.env);
    const contact = await buildContact(db, { account });
    const first = await t.request('POST', url(account.id, contact.id), { token, body: { note: { content: 'Called, no answer' } } });
    assert.equal(first.statusCode, 200);
    const note = first.json();
    assert.deepEqual(Object.keys(note), NOTE_KEYS);
    assert.deepEqual({ ...note, id: 0, created_at: 0, updated_at: 0, user: note.user.id },
      { id: 0, content: 'Called, no answer', account_id: account.id, contact_id: contact.id, user: user.id, created_at: 0, updated_at: 0 });
    assert.equal(note.user.role, 'agent');
    assert.ok(Math.abs(note.created_at - Date.now() / 1000) < 60);
    const second = (await t.request('POST', url(account.id, contact.id), { token, body: { content: 'Second' } })).json();
    const list = await t.request('GET', url(account.id, contact.id), { token });
    assert.deepEqual(list.json().map((n: { id: number }) => n.id), [second.id, note.id]);
    const shown = await t.request('GET', url(account.id, contact.id, note.id), { token });
    assert.deepEqual(shown.json(), note);
    const updated = await t.request('PATCH', url(account.id, contact.id, note.id), { token, body: { note: { content: 'Called back' } } });
    assert.equal(updated.json().content, 'Called back');
    const deleted = await t.request('DELETE', url(account.id, contact.id, second.id), { token });
    assert.deepEqual([deleted.statusCode, deleted.body], [200, '']);
    assert.deepEqual((await notesOf(contact.id)).map((n) => n.content), ['Called back']);
  });

  it('names content on blank input, keeps the note, and 404s a note of another contact', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const contact = await buildContact(db, { account });
    const otherContact = await buildContact(db, { account });
    for (const body of [{}, { note: { content: '  ' } }, { content: null }, { content: 'x'.repeat(100_001) }]) {
      const res = await t.request('POST', url(account.id, contact.id), { token, body });
      assert.equal(res.statusCode, 422, JSON.stringify(body).slice(0, 80));
      assert.deepEqual(res.json().attributes, ['content']);
    }
    const empty = await t.request('POST', url(account.id, contact.id), { token });
    assert.deepEqual([empty.statusCode, empty.json().attributes], [422, ['content']]);
    const note = (await t.request('POST', url(account.id, contact.id), { token, body: { content: 'kept' } })).json();
    const blank = await t.request('PATCH', url(account.id, contact.id, note.id), { token, body: { content: '' } });
    assert.equal(blank.statusCode, 422);
    assert.equal((await notesOf(contact.id))[0].content, 'kept');
    assert.equal((await t.request('GET', url(account.id, otherContact.id, note.id), { token })).statusCode, 404);
    assert.equal((await t.request('DELETE', url(account.id, otherContact.id, note.id), { token })).statusCode, 404);
    assert.equal((await notesOf(contact.id)).length, 1);
  });

  it('drops the user key once the author has left the account, and notes go with their contact', async () => {
    const account = await buildAccount(db);
    const admin = await buildAdmin(db, t.deps.env, account);
    const author = await buildAgent(db, t.deps.env, { account });
    const contact = await buildContact(db, { account });
    const note = (await t.request('POST', url(account.id, contact.id), { token: author.token, body: { content: 'by a leaver' } })).json();
    await db.deleteFrom('account_users').where('user_id', '=', author.user.id).execute();
    const shown = (await t.request('GET', url(account.id, contact.id, note.id), { token: admin.token })).json();
    assert.equal('user' in shown, false);
    await t.request('DELETE', `/api/v1/accounts/${account.id}/contacts/${contact.id}`, { token: admin.token });
    assert.equal((await notesOf(contact.id)).length, 0);
  });
});
