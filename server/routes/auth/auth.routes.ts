import type { FastifyReply, FastifyRequest } from 'fastify';
import { withTransaction, type Deps } from '../../context.js';
import type { UserRow } from '../../db/schema.js';
import { HttpError } from '../../lib/errors.js';
import { verifyPassword } from '../../lib/passwords.js';
import { enqueueAccountMail } from '../../jobs/send-account-mail.job.js';
import { confirmUser } from '../../operations/auth/confirm-user.js';
import { recordSessionAudit } from '../../operations/auth/record-session-audit.js';
import { resetPassword } from '../../operations/auth/reset-password.js';
import { checkSignInThrottle, clearSignInFailures, recordSignInFailure, throttleMailRequest } from '../../operations/auth/sign-in-throttle.js';
import { authenticateSession, issueSession, sessionHeaders } from '../../operations/auth/user-sessions.js';
import { sessionCredentialsOf } from '../../plugins/auth.js';
import { userSessionRepository } from '../../repositories/user-session.repository.js';
import { userRepository } from '../../repositories/user.repository.js';
import { loadProfile } from '../api/v1/profile/profile.routes.js';
import type { RoutePlugin } from '../types.js';
import {
  AuthResponse, ConfirmationBody, EmailBody, MessageResponse, ResetPasswordBody, SignInBody, SignOutResponse, ValidateTokenResponse,
} from './auth.schemas.js';

const BAD_CREDENTIALS = new HttpError(401, { success: false, errors: ['Invalid login credentials. Please try again.'] });
const RESET_REQUESTED = 'Request for password reset is successful. A email with instructions will be sent to your email if it exists.';

function notConfirmed(email: string): HttpError {
  return new HttpError(401, {
    success: false,
    errors: [`A confirmation email was sent to your account at '${email}'. You must follow the instructions in the email before your account can be activated`],
    error_code: 'user_not_confirmed',
  });
}

/**
 * Signs the user in on a new client, sets devise_token_auth's headers and answers
 * `{data: user}`; a password sign-in is written to the audit log.
 */
async function signInAndRespond(deps: Deps, request: FastifyRequest, reply: FastifyReply, user: UserRow, audit = false) {
  const credentials = await withTransaction(deps, async (tx) => {
    if (audit) {
      await recordSessionAudit(tx, deps.env, user, 'sign_in', { ip: request.ip, requestId: request.id });
    }
    return issueSession(tx, user, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
  });
  reply.headers(sessionHeaders(credentials));
  return { data: await loadProfile(deps, user) };
}

/**
 * devise_token_auth's endpoints as Chatwoot mounts them at `/auth`: sign in and out,
 * token validation, password reset by emailed link, email confirmation.
 */
export const authRoutes: RoutePlugin = (app, deps) => {
  const db = deps.db.kysely;
  const tags = ['Auth'];
  const emptyBody = async (request: FastifyRequest) => {
    request.body ??= {};
  };

  app.post('/sign_in', { preValidation: emptyBody, schema: { tags, body: SignInBody, response: AuthResponse } }, async (request, reply) => {
    const email = request.body.email?.trim().toLowerCase() ?? '';
    const password = request.body.password ?? '';
    await checkSignInThrottle(db, request.ip, email);
    const user = email && password ? await userRepository.findByEmail(db, email) : undefined;
    if (!user || !(await verifyPassword(user.encrypted_password, password))) {
      await recordSignInFailure(db, request.ip, email);
      throw BAD_CREDENTIALS;
    }
    if (user.confirmed_at === null) {
      throw notConfirmed(user.email);
    }
    await clearSignInFailures(db, email);
    return signInAndRespond(deps, request, reply, user, true);
  });

  app.delete('/sign_out', { schema: { tags, response: SignOutResponse } }, async (request) => {
    const credentials = sessionCredentialsOf(request);
    const signedIn = credentials ? await authenticateSession(db, credentials) : null;
    if (!signedIn) {
      throw new HttpError(404, { success: false, errors: ['User was not found or was not logged in.'] });
    }
    await withTransaction(deps, async (tx) => {
      await userSessionRepository.remove(tx, signedIn.session.id);
      await recordSessionAudit(tx, deps.env, signedIn.user, 'sign_out', { ip: request.ip, requestId: request.id });
    });
    return { success: true };
  });

  app.get('/validate_token', { schema: { tags, response: ValidateTokenResponse } }, async (request) => {
    const credentials = sessionCredentialsOf(request);
    const signedIn = credentials ? await authenticateSession(db, credentials) : null;
    if (!signedIn) {
      throw new HttpError(401, { success: false, errors: ['Invalid login credentials'] });
    }
    const profile = await loadProfile(deps, signedIn.user);
    return { payload: { success: true, data: { ...profile, created_at: new Date(signedIn.user.created_at).toISOString() } } };
  });

  app.post('/password', { preValidation: emptyBody, schema: { tags, body: EmailBody, response: MessageResponse } }, async (request) => {
    const email = request.body.email?.trim().toLowerCase();
    await throttleMailRequest(db, 'reset_password', request.ip, email ?? '');
    const user = email ? await userRepository.findByEmail(db, email) : undefined;
    if (user) {
      await enqueueAccountMail(deps, { kind: 'reset_password', userId: user.id });
    }
    return { message: RESET_REQUESTED };
  });

  app.route({
    method: ['PUT', 'PATCH'],
    url: '/password',
    schema: { tags, body: ResetPasswordBody, response: AuthResponse },
    handler: async (request, reply) => {
      const user = await withTransaction(deps, (tx) => resetPassword(tx, request.body));
      return signInAndRespond(deps, request, reply, user);
    },
  });

  app.post('/confirmation', { schema: { tags, body: ConfirmationBody, response: AuthResponse } }, async (request, reply) => {
    const user = await withTransaction(deps, (tx) => confirmUser(tx, request.body.confirmation_token));
    return signInAndRespond(deps, request, reply, user);
  });
};

/** `POST /resend_confirmation` (unauthenticated): mails a new confirmation link to an unconfirmed email; always 200. */
export const resendConfirmationRoutes: RoutePlugin = (app, deps) => {
  app.post('/', {
    preValidation: async (request) => {
      request.body ??= {};
    },
    schema: { tags: ['Auth'], body: EmailBody },
  }, async (request, reply) => {
    const email = (request.body as { email?: string }).email?.trim().toLowerCase();
    await throttleMailRequest(deps.db.kysely, 'resend_confirmation', request.ip, email ?? '');
    const user = email ? await userRepository.findByEmail(deps.db.kysely, email) : undefined;
    if (user && user.confirmed_at === null) {
      await enqueueAccountMail(deps, { kind: 'confirmation', userId: user.id });
    }
    return reply.code(200).send();
  });
};
