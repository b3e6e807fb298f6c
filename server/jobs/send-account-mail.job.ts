import { withTransaction, type Deps } from '../context.js';
import { confirmationMail, invitationMail, resetPasswordMail } from '../mail/templates.js';
import type { MailMessage } from '../mail/mailer.js';
import { issueConfirmationToken, issueResetPasswordToken } from '../operations/auth/account-tokens.js';
import { accountRepository } from '../repositories/account.repository.js';
import { accountUserRepository } from '../repositories/account-user.repository.js';
import { userRepository } from '../repositories/user.repository.js';
import type { JobHandler } from './jobs.js';

/** The job name (file stem). */
export const SEND_ACCOUNT_MAIL = 'send-account-mail';

/** Which account mail to send. */
export type AccountMailKind = 'reset_password' | 'confirmation' | 'invitation';

/** Payload: ids only; the tokens are made when the mail goes out, so none is ever stored in plaintext. */
export interface AccountMailPayload {
  kind: AccountMailKind;
  userId: number;
  /** The inviting account (invitations). */
  accountId?: number;
}

/** Queues an account mail (reset link, confirmation, invitation). */
export function enqueueAccountMail(deps: Deps, payload: AccountMailPayload): Promise<void> {
  return deps.jobs.enqueue(SEND_ACCOUNT_MAIL, { ...payload });
}

/**
 * Sends an account mail: re-reads the user (skipped when gone, or already confirmed for a
 * confirmation), writes fresh token digests in one transaction, then hands the mail to the
 * mailer. A retry after a refused send issues fresh tokens, which replace the unsent ones.
 */
export function sendAccountMailHandler(deps: Deps): JobHandler {
  return async (raw) => {
    const payload = raw as unknown as AccountMailPayload;
    const message = await withTransaction(deps, async (tx): Promise<MailMessage | null> => {
      const user = await userRepository.findById(tx, payload.userId);
      if (!user) {
        return null;
      }
      if (payload.kind === 'reset_password') {
        return resetPasswordMail(deps.env, user.email, await issueResetPasswordToken(tx, user));
      }
      if (user.confirmed_at !== null) {
        return null;
      }
      const confirmationToken = await issueConfirmationToken(tx, user);
      if (payload.kind === 'confirmation') {
        return confirmationMail(deps.env, user.email, user.name, confirmationToken);
      }
      const account = payload.accountId ? await accountRepository.findById(tx, payload.accountId) : undefined;
      const membership = account ? await accountUserRepository.find(tx, account.id, user.id) : undefined;
      const inviter = membership?.inviter_id ? await userRepository.findById(tx, membership.inviter_id) : undefined;
      return invitationMail(deps.env, {
        to: user.email, name: user.name, inviterName: inviter?.name ?? null, accountName: account?.name ?? null,
        confirmationToken, resetToken: await issueResetPasswordToken(tx, user),
      });
    });
    if (message) {
      await deps.mailer.sendMail(message);
    }
  };
}
