import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Env } from '../env.js';

/** One outgoing email. */
export interface MailMessage {
  /** One address or several. */
  to: string | string[];
  subject: string;
  /** Plain-text body (always sent). */
  text: string;
  /** HTML body, sent as the alternative part when given. */
  html?: string;
}

/** Sends mail. When no SMTP server is configured, the mail is logged instead (development installs). */
export interface Mailer {
  /** Delivers the message now; rejects when the SMTP server refuses it (jobs retry). */
  sendMail(message: MailMessage): Promise<void>;
  /** Closes pooled connections. */
  close(): void;
}

/** nodemailer's transport for the configured SMTP server; nodemailer is loaded on the first mail (most idle processes never send one). */
async function transportFor(env: Env): Promise<Transporter | null> {
  if (!env.smtp && !env.smtpUrl) {
    return null;
  }
  const { default: nodemailer } = await import('nodemailer');
  if (env.smtp) {
    const { address, port, username, password, secure, verifyCertificate } = env.smtp;
    return nodemailer.createTransport({
      host: address,
      port,
      secure,
      ...(username ? { auth: { user: username, pass: password ?? '' } } : {}),
      tls: { rejectUnauthorized: verifyCertificate },
    });
  }
  return nodemailer.createTransport(env.smtpUrl as string);
}

/**
 * The mailer of this process: nodemailer's SMTP transport configured from SMTP_ADDRESS,
 * SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD (or SMTP_URL), From MAILER_SENDER_EMAIL.
 */
export function createMailer(env: Env, log: Logger): Mailer {
  let transport: Promise<Transporter | null> | null = null;
  return {
    async sendMail(message) {
      transport ??= transportFor(env);
      const smtp = await transport;
      if (!smtp) {
        log.info({ mail: { to: message.to, subject: message.subject, text: message.text } }, 'mail not sent: no SMTP server configured');
        return;
      }
      await smtp.sendMail({ from: env.mailerSenderEmail, ...message });
    },
    close() {
      // A transport that failed to load has nothing to close.
      void transport?.then((smtp) => smtp?.close(), () => undefined);
    },
  };
}
