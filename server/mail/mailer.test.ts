import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pino from 'pino';
import { loadEnv } from '../env.js';
import { startSmtpSink } from '../test/smtp.js';
import { createMailer } from './mailer.js';
import { frontendUrl, invitationMail } from './templates.js';

describe('mailer', async () => {
  const smtp = await startSmtpSink();
  const base = loadEnv({ SECRET_KEY_BASE: 'x', PARLEY_DATA_DIR: '/tmp/parley-mailer-test', FRONTEND_URL: 'https://app.example/' });

  it('reads Chatwoot’s SMTP variables', () => {
    const env = loadEnv({
      SECRET_KEY_BASE: 'x', PARLEY_DATA_DIR: '/tmp/parley-mailer-test', SMTP_ADDRESS: 'smtp.example', SMTP_PORT: '2525',
      SMTP_USERNAME: 'u', SMTP_PASSWORD: 'p', MAILER_SENDER_EMAIL: 'Support <support@example.com>',
    });
    assert.deepEqual(env.smtp, { address: 'smtp.example', port: 2525, username: 'u', password: 'p', secure: false, verifyCertificate: true });
    assert.equal(env.mailerSenderEmail, 'Support <support@example.com>');
    assert.equal(base.smtp, null);
  });

  it('sends through SMTP with authentication, from MAILER_SENDER_EMAIL', async () => {
    const mailer = createMailer({ ...base, smtp: smtp.config, mailerSenderEmail: 'Parley <from@example.com>' }, pino({ level: 'silent' }));
    await mailer.sendMail({ to: 'someone@example.com', subject: 'Hello there', text: 'plain body', html: '<p>html body</p>' });
    mailer.close();
    const mail = await smtp.waitFor('someone@example.com');
    assert.equal(mail.from, 'from@example.com');
    assert.match(mail.raw, /Subject: Hello there/);
    assert.match(mail.raw, /plain body/);
    assert.match(mail.raw, /<p>html body<\/p>/);
  });

  it('rejects when the SMTP server refuses the login, so the job retries', async () => {
    const mailer = createMailer({ ...base, smtp: { ...smtp.config, password: 'wrong' } }, pino({ level: 'silent' }));
    await assert.rejects(mailer.sendMail({ to: 'x@example.com', subject: 's', text: 't' }));
    mailer.close();
  });

  it('logs the mail instead of failing when no SMTP server is configured', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    await createMailer(base, log).sendMail({ to: 'x@example.com', subject: 'Logged', text: 'body' });
    assert.equal(lines.length, 1);
    assert.match(lines[0], /"subject":"Logged"/);
  });

  it('builds dashboard links from FRONTEND_URL and escapes HTML', () => {
    assert.equal(frontendUrl(base, 'auth/confirmation', { confirmation_token: 'a b' }), 'https://app.example/app/auth/confirmation?confirmation_token=a+b');
    const mail = invitationMail(base, { to: 'a@b.c', name: '<Ann>', inviterName: 'Bo', accountName: 'Acme', confirmationToken: 'c1', resetToken: 'r1' });
    assert.match(mail.html ?? '', /&lt;Ann&gt;/);
    assert.match(mail.text, /reset_password_token=r1/);
    assert.match(mail.text, /confirmation_token=c1/);
    assert.equal(mail.subject, "You're invited to join Acme");
  });
});
