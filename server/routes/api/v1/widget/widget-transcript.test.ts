import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTestApp } from '../../../../test/harness.js';
import { decodeQuotedPrintable, startSmtpSink } from '../../../../test/smtp.js';
import { buildWidgetWorld } from './widget.fixtures.js';

describe('/api/v1/widget/conversations/transcript', async () => {
  const smtp = await startSmtpSink();
  const t = await buildTestApp({ env: { smtp: smtp.config } });

  it('mails the conversation to the visitor\'s email, escaped; 429 without a conversation; nothing without an email', async () => {
    const w = await buildWidgetWorld(t);
    const { token } = await w.visitor();
    assert.equal((await w.call('POST', '/conversations/transcript', { auth: token })).statusCode, 429);
    assert.equal((await w.call('POST', '/conversations/transcript')).statusCode, 404);
    const { conversation_id: id } = (await w.call('POST', '/messages', { auth: token, body: { message: { content: 'Hello <b>there</b>' } } })).json();
    assert.equal((await w.call('POST', '/conversations/transcript', { auth: token })).statusCode, 200);
    await t.settle();
    assert.equal(smtp.received.length, 0, 'no email known: nothing sent');
    await w.call('PATCH', '/contact', { auth: token, body: { email: 'reader@example.com' } });
    await t.request('POST', `/api/v1/accounts/${w.account.id}/conversations/${id}/messages`, { token: w.adminToken, body: { content: 'Hi back', message_type: 'outgoing' } });
    await t.request('POST', `/api/v1/accounts/${w.account.id}/conversations/${id}/messages`, { token: w.adminToken, body: { content: 'internal only', private: true } });
    assert.equal((await w.call('POST', '/conversations/transcript', { auth: token })).statusCode, 200);
    const mail = decodeQuotedPrintable((await smtp.waitFor('reader@example.com')).raw);
    assert.match(mail, new RegExp(`\\[#${id}\\] Conversation transcript`));
    assert.ok(mail.includes('Hello &lt;b&gt;there&lt;/b&gt;'));
    assert.ok(mail.includes('Hi back'));
    assert.ok(!mail.includes('internal only'));
  });
});
