import { after } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { SmtpConfig } from '../env.js';

/** A mail the test SMTP server received. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message (headers and body) as sent. */
  raw: string;
}

export interface SmtpSink {
  /** Settings for Env.smtp that point the mailer at this server. */
  config: SmtpConfig;
  received: ReceivedMail[];
  /** Resolves with the first mail to `to` that `match` accepts (default: any), waiting as long as needed. */
  waitFor(to: string, match?: (mail: ReceivedMail) => boolean): Promise<ReceivedMail>;
}

/** Decodes quoted-printable soft line breaks and escapes so links can be read from the raw mail. */
export function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A real SMTP server on a free loopback port (requires AUTH), closed after the test file. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'parley' && auth.password === 'secret') {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8')),
        });
        waiters.splice(0).forEach((wake) => wake());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    config: { address: '127.0.0.1', port, username: 'parley', password: 'secret', secure: false, verifyCertificate: false },
    received,
    async waitFor(to, match = () => true) {
      for (;;) {
        const found = received.find((mail) => mail.to.includes(to) && match(mail));
        if (found) {
          return found;
        }
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}
