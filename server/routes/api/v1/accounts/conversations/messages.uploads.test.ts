import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildApp } from '../../../../../app.js';
import { buildTestApp } from '../../../../../test/harness.js';
import { buildMessagesWorld, multipartBody, pngOf } from './messages.fixtures.js';

const FILE_ATTACHMENT_KEYS = ['id', 'message_id', 'file_type', 'account_id', 'extension', 'content_type', 'data_url', 'thumb_url', 'file_size', 'width', 'height'];

describe('attachments of messages: multipart upload, file URL, delete', async () => {
  const t = await buildTestApp();
  const db = t.deps.db.kysely;
  const storedFiles = (accountId: number): string[] => {
    const dir = join(t.deps.env.storageDir, String(accountId));
    return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
  };
  const messageCount = async (conversationId: number) => Number((await db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n'))
    .where('conversation_id', '=', conversationId).executeTakeFirstOrThrow()).n);

  it('stores uploaded files, describes them as Chatwoot does, and serves them at data_url', async () => {
    const w = await buildMessagesWorld(t);
    const png = pngOf(64, 48, 500);
    const pdf = Buffer.from('%PDF-1.4 pretend');
    const form = multipartBody([['content', 'see attached'], ['private', 'false'], ['content_attributes', '{"in_reply_to":null}']], [
      { field: 'attachments[]', filename: 'photo one.png', type: 'image/png', data: png },
      { field: 'attachments[]', filename: 'invoice.pdf', type: 'application/pdf', data: pdf },
    ]);
    const res = await t.app.inject({ method: 'POST', url: w.url, payload: form.payload, headers: { ...form.headers, api_access_token: w.agentToken } });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.content, 'see attached');
    assert.equal(body.private, false);
    assert.equal(body.attachments.length, 2);
    const [image, file] = body.attachments;
    assert.deepEqual(Object.keys(image), FILE_ATTACHMENT_KEYS);
    assert.equal(image.message_id, body.id);
    assert.equal(image.account_id, w.account.id);
    assert.equal(image.file_type, 'image');
    assert.equal(image.extension, 'png');
    assert.equal(image.content_type, 'image/png');
    assert.equal(image.file_size, png.length);
    assert.equal(image.width, 64);
    assert.equal(image.height, 48);
    assert.ok(image.data_url.startsWith(`${t.deps.env.frontendUrl}/attachments/${image.id}/`), image.data_url);
    assert.equal(image.thumb_url, image.data_url);
    assert.equal(file.file_type, 'file');
    assert.equal(file.extension, 'pdf');
    assert.equal(file.thumb_url, '');
    assert.equal(file.width, null);

    const served = await t.app.inject({ method: 'GET', url: new URL(image.data_url).pathname });
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/png');
    assert.deepEqual(served.rawPayload, png);
    assert.match(String(served.headers['content-disposition']), /^inline; filename="photo one.png"/);
    const servedPdf = await t.app.inject({ method: 'GET', url: new URL(file.data_url).pathname });
    assert.deepEqual(servedPdf.rawPayload, pdf);

    const path = new URL(image.data_url).pathname.split('/');
    path[3] = 'x'.repeat(path[3].length);
    const wrong = await t.app.inject({ method: 'GET', url: path.join('/') });
    assert.equal(wrong.statusCode, 404);
    const unknown = await t.app.inject({ method: 'GET', url: `/attachments/999999999/${path[3]}/a.png` });
    assert.equal(unknown.statusCode, 404);

    const listed = await t.request('GET', w.url, { token: w.agentToken });
    assert.deepEqual(listed.json().payload[0].attachments, body.attachments);
    assert.equal(storedFiles(w.account.id).length, 2);
  });

  it('tags audio as a voice message and keeps uploads out of other fields', async () => {
    const w = await buildMessagesWorld(t);
    const form = multipartBody([['is_voice_message', 'true']], [
      { field: 'attachments[]', filename: 'note.ogg', type: 'audio/ogg', data: Buffer.from('OggS fake') },
      { field: 'avatar', filename: 'ignored.png', type: 'image/png', data: pngOf(1, 1) },
    ]);
    const res = await t.app.inject({ method: 'POST', url: w.url, payload: form.payload, headers: { ...form.headers, api_access_token: w.agentToken } });
    assert.equal(res.statusCode, 200, res.body);
    const [audio] = res.json().attachments;
    assert.deepEqual(Object.keys(audio), [...FILE_ATTACHMENT_KEYS, 'transcribed_text']);
    assert.equal(audio.file_type, 'audio');
    assert.equal(audio.transcribed_text, '');
    const row = await db.selectFrom('attachments').selectAll().where('id', '=', audio.id).executeTakeFirstOrThrow();
    assert.deepEqual(row.meta, { is_voice_message: true });
    assert.equal(res.json().attachments.length, 1);
  });

  it('answers 413 naming attachments for a file over the limit, leaving no message and no file', async () => {
    const small = await buildApp({ ...t.deps, env: { ...t.deps.env, maxUploadBytes: 1024 } });
    try {
      const w = await buildMessagesWorld(t);
      const form = multipartBody([['content', 'too big']], [
        { field: 'attachments[]', filename: 'ok.png', type: 'image/png', data: pngOf(2, 2) },
        { field: 'attachments[]', filename: 'big.bin', type: 'application/octet-stream', data: Buffer.alloc(5000, 1) },
      ]);
      const res = await small.inject({ method: 'POST', url: w.url, payload: form.payload, headers: { ...form.headers, api_access_token: w.agentToken } });
      assert.equal(res.statusCode, 413);
      assert.deepEqual(res.json().attributes, ['attachments']);
      assert.equal(await messageCount(w.conversation.id), 0);
      assert.deepEqual(storedFiles(w.account.id), []);

      const many = multipartBody([], Array.from({ length: 16 }, (_, i) => ({ field: 'attachments[]', filename: `f${i}.txt`, type: 'text/plain', data: Buffer.from('x') })));
      const tooMany = await small.inject({ method: 'POST', url: w.url, payload: many.payload, headers: { ...many.headers, api_access_token: w.agentToken } });
      assert.equal(tooMany.statusCode, 413);
      assert.deepEqual(tooMany.json().attributes, ['attachments']);
      assert.equal(await messageCount(w.conversation.id), 0);
      assert.deepEqual(storedFiles(w.account.id), []);
    } finally {
      await small.close();
    }
  });

  it('checks access before accepting files: an agent outside the inbox gets 401 and nothing is stored', async () => {
    const w = await buildMessagesWorld(t);
    const form = multipartBody([['content', 'x']], [{ field: 'attachments[]', filename: 'a.png', type: 'image/png', data: pngOf(1, 1) }]);
    const res = await t.app.inject({ method: 'POST', url: w.url, payload: form.payload, headers: { ...form.headers, api_access_token: w.outsiderToken } });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(storedFiles(w.account.id), []);
  });

  it('discards the files of a rejected or duplicate multipart message', async () => {
    const w = await buildMessagesWorld(t);
    const bad = multipartBody([['message_type', 'sideways']], [{ field: 'attachments[]', filename: 'a.png', type: 'image/png', data: pngOf(1, 1) }]);
    const rejected = await t.app.inject({ method: 'POST', url: w.url, payload: bad.payload, headers: { ...bad.headers, api_access_token: w.agentToken } });
    assert.equal(rejected.statusCode, 422);
    assert.deepEqual(rejected.json().attributes, ['message_type']);
    assert.deepEqual(storedFiles(w.account.id), []);
    const send = () => {
      const form = multipartBody([['source_id', 'dup-1'], ['message_type', 'incoming']], [{ field: 'attachments[]', filename: 'a.png', type: 'image/png', data: pngOf(1, 1) }]);
      return t.app.inject({ method: 'POST', url: w.url, payload: form.payload, headers: { ...form.headers, api_access_token: w.agentToken } });
    };
    const first = await send();
    const retry = await send();
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.json().id, first.json().id);
    assert.deepEqual(retry.json().attachments, first.json().attachments);
    assert.equal(storedFiles(w.account.id).length, 1);
  });

  it('removes attachment rows and files when the message is deleted', async () => {
    const w = await buildMessagesWorld(t);
    const form = multipartBody([['content', 'bye']], [{ field: 'attachments[]', filename: 'a.png', type: 'image/png', data: pngOf(3, 3) }]);
    const created = await t.app.inject({ method: 'POST', url: w.url, payload: form.payload, headers: { ...form.headers, api_access_token: w.agentToken } });
    const dataUrl = created.json().attachments[0].data_url as string;
    const res = await t.request('DELETE', `${w.url}/${created.json().id}`, { token: w.agentToken });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().attachments, undefined);
    const rows = await db.selectFrom('attachments').select('id').where('message_id', '=', created.json().id).execute();
    assert.equal(rows.length, 0);
    assert.deepEqual(storedFiles(w.account.id), []);
    assert.equal((await t.app.inject({ method: 'GET', url: new URL(dataUrl).pathname })).statusCode, 404);
  });
});
