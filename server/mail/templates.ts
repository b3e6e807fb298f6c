import type { Env } from '../env.js';
import type { MailMessage } from './mailer.js';

/** A link into the dashboard (Chatwoot's `frontend_url`): FRONTEND_URL/app/<path>?<query>. */
export function frontendUrl(env: Env, path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `${env.frontendUrl}/app/${path}${search ? `?${search}` : ''}`;
}

/** Escapes text for HTML bodies. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A mail of paragraphs and one or more call-to-action links, as text and HTML. */
export function simpleMail(to: string, subject: string, paragraphs: string[], links: Array<[label: string, url: string]>): MailMessage {
  const text = [...paragraphs, ...links.map(([label, url]) => `${label}: ${url}`)].join('\n\n');
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...links.map(([label, url]) => `<p><a href="${escapeHtml(url)}">${escapeHtml(label)}</a></p>`),
  ].join('\n');
  return { to, subject, text, html };
}

/** Password reset instructions (Devise's reset_password_instructions). */
export function resetPasswordMail(env: Env, to: string, token: string): MailMessage {
  return simpleMail(to, 'Reset password instructions', [
    `Hello ${to}!`,
    'Someone has requested a link to change your password. You can do this through the link below.',
    "If you didn't request this, please ignore this email. Your password won't change until you access the link above and create a new one.",
  ], [['Change my password', frontendUrl(env, 'auth/password/edit', { reset_password_token: token })]]);
}

/** Email confirmation for a person who signed up or changed their email (Devise's confirmation_instructions). */
export function confirmationMail(env: Env, to: string, name: string, token: string): MailMessage {
  return simpleMail(to, 'Confirmation Instructions', [
    `Hi ${name || to},`,
    'We just need to verify your email address before you can start using your account.',
  ], [['Confirm my account', frontendUrl(env, 'auth/confirmation', { confirmation_token: token })]]);
}

/**
 * The invitation of an agent added by an administrator: a confirmation link and a link
 * to choose a password (following it confirms the account too).
 */
export function invitationMail(
  env: Env,
  invite: { to: string; name: string; inviterName: string | null; accountName: string | null; confirmationToken: string; resetToken: string },
): MailMessage {
  const where = invite.accountName ? `the ${invite.accountName} workspace` : 'Parley';
  const who = invite.inviterName ? `${invite.inviterName} invited you to join ${where}.` : `You have been invited to join ${where}.`;
  return simpleMail(invite.to, invite.accountName ? `You're invited to join ${invite.accountName}` : 'Confirmation Instructions', [
    `Hi ${invite.name || invite.to},`,
    who,
    'Create your account to start collaborating with your team.',
  ], [
    ['Accept invitation', frontendUrl(env, 'auth/password/edit', { reset_password_token: invite.resetToken })],
    ['Confirm my account', frontendUrl(env, 'auth/confirmation', { confirmation_token: invite.confirmationToken })],
  ]);
}
