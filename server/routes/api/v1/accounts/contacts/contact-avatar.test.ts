import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileStore } from '../../../../../storage/file-store.js';
import { buildAdmin, buildAgent, buildContact } from '../../../../../test/factories.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { multipartBody, pngOf } from '../conversations/messages.fixtures.js';

describe('contact avatars: multipart upload on create and update, avatar_url/thumbnail, file URL, delete', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const send = (method: string, url: string, token: string, form: { payload: Buffer; headers: Record<string, string> }) =>
    t.app.inject({ method: method as 'POST', url, payload: form.payload, headers: { ...form.headers, api_access_token: token } });
  const row = (id: number) => db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('stores the avatar of a created contact, serves it at thumbnail, and takes the other fields from the form', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    const png = pngOf(32, 32, 100);
    const form = multipartBody([['name', 'Pic'], ['email', 'pic@example.com'], ['blocked', 'true'], ['custom_attributes[plan]', 'pro']],
      [{ field: 'avatar', filename: 'me.png', type: 'image/png', data: png }]);
    const res = await send('POST', `/api/v1/accounts/${account.id}/contacts`, token, form);
    assert.equal(res.statusCode, 200, res.body);
    const contact = res.json().payload.contact;
    assert.deepEqual([contact.name, contact.email, contact.blocked, contact.custom_attributes], ['Pic', 'pic@example.com', true, { plan: 'pro' }]);
    const path = new URL(contact.thumbnail).pathname;
    assert.match(path, new RegExp(`^/avatars/contacts/${contact.id}/[^/]+/me\\.png$`));
    const file = await t.app.inject({ method: 'GET', url: path });
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'image/png');
    assert.deepEqual(file.rawPayload, png);
    assert.equal((await t.app.inject({ method: 'GET', url: path.replace(/\/[^/]+\/me\.png$/, '/wrongtoken/me.png') })).statusCode, 404);
    await t.settle();
    assert.ok(t.events.of(account.id, 'contact.updated').some((e) => e.contactId === contact.id && e.changes?.avatar_url));
  });

  it('replaces the avatar on update (the old file goes), deletes it with DELETE /avatar, and refuses a non-image', async () => {
    const { account, token } = await buildAdmin(db, t.deps.env);
    const contact = await buildContact(db, { account });
    const url = `/api/v1/accounts/${account.id}/contacts/${contact.id}`;
    const first = await send('PATCH', url, token, multipartBody([], [{ field: 'avatar', filename: 'a.png', type: 'image/png', data: pngOf(8, 8) }]));
    assert.equal(first.statusCode, 200, first.body);
    const firstKey = (await row(contact.id)).avatar_key as string;
    const second = await send('PATCH', url, token, multipartBody([['name', 'Renamed']], [{ field: 'avatar', filename: 'b.gif', type: 'image/gif', data: Buffer.from('GIF89a') }]));
    assert.equal(second.json().payload.name, 'Renamed');
    const secondKey = (await row(contact.id)).avatar_key as string;
    assert.notEqual(secondKey, firstKey);
    assert.equal(existsSync(fileStore.pathOf(t.deps.env.storageDir, firstKey)), false);
    assert.equal(existsSync(fileStore.pathOf(t.deps.env.storageDir, secondKey)), true);
    const bad = await send('PATCH', url, token, multipartBody([], [{ field: 'avatar', filename: 'x.html', type: 'text/html', data: Buffer.from('<b>') }]));
    assert.deepEqual([bad.statusCode, bad.json().attributes], [422, ['avatar']]);
    assert.equal((await row(contact.id)).avatar_key, secondKey);
    const removed = await t.request('DELETE', `${url}/avatar`, { token });
    assert.equal(removed.statusCode, 200);
    assert.equal(removed.json().payload.thumbnail, '');
    const after = await row(contact.id);
    assert.deepEqual([after.avatar_url, after.avatar_key], [null, null]);
    assert.equal(existsSync(fileStore.pathOf(t.deps.env.storageDir, secondKey)), false);
  });

  it('leaves no file behind when the create fails, and 404s the avatar route of another account', async () => {
    const { account, token } = await buildAgent(db, t.deps.env);
    await buildContact(db, { account, contact: { email: 'taken@example.com' } });
    const res = await send('POST', `/api/v1/accounts/${account.id}/contacts`, token,
      multipartBody([['email', 'taken@example.com']], [{ field: 'avatar', filename: 'c.png', type: 'image/png', data: pngOf(4, 4) }]));
    assert.equal(res.statusCode, 422);
    const folder = join(t.deps.env.storageDir, String(account.id));
    for (let i = 0; i < 500 && existsSync(folder) && readdirSync(folder).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.deepEqual(existsSync(folder) ? readdirSync(folder) : [], []);
    const other = await buildAgent(db, t.deps.env);
    const foreign = await buildContact(db, { account });
    assert.equal((await t.request('DELETE', `/api/v1/accounts/${other.account.id}/contacts/${foreign.id}/avatar`, { token: other.token })).statusCode, 404);
  });
});
