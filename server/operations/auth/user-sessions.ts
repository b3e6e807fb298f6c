import type { Executor } from '../../db/dialect.js';
import type { UserRow, UserSessionRow } from '../../db/schema.js';
import { now } from '../../lib/clock.js';
import { digest, randomToken, safeEqual } from '../../lib/tokens.js';
import { userSessionRepository } from '../../repositories/user-session.repository.js';
import { userRepository } from '../../repositories/user.repository.js';

/** How long a sign-in token lives (devise_token_auth `token_lifespan`, 2 months in Chatwoot). */
export const SESSION_LIFESPAN_MS = 2 * 2_629_746_000;

/** Signed-in clients kept per user (Chatwoot's MAX_USER_SESSIONS); the one expiring first goes. */
export const MAX_SESSIONS_PER_USER = 25;

/** The credentials devise_token_auth hands a client, sent back by it on every request. */
export interface SessionCredentials {
  accessToken: string;
  client: string;
  uid: string;
  /** Expiry, epoch milliseconds. */
  expiresAt: number;
}

/**
 * Signs a user in on a new client: a random client id and token, stored as a digest
 * with its expiry. Older clients stay signed in up to MAX_SESSIONS_PER_USER.
 */
export async function issueSession(db: Executor, user: UserRow, origin: { ip: string | null; userAgent: string | null }): Promise<SessionCredentials> {
  const client = randomToken(16);
  const accessToken = randomToken(16);
  const expiresAt = now() + SESSION_LIFESPAN_MS;
  await userSessionRepository.insert(db, {
    user_id: user.id, client, token_digest: digest(accessToken), expires_at: expiresAt,
    ip_address: origin.ip, user_agent: origin.userAgent?.slice(0, 500) ?? null,
  });
  await userSessionRepository.prune(db, user.id, MAX_SESSIONS_PER_USER);
  return { accessToken, client, uid: user.uid, expiresAt };
}

/** The user and session behind `uid` + `client` + `access-token`, when the token matches and has not expired. */
export async function authenticateSession(
  db: Executor,
  credentials: { uid: string; client: string; accessToken: string },
): Promise<{ user: UserRow; session: UserSessionRow } | null> {
  const user = await userRepository.findByUid(db, credentials.uid);
  const session = user ? await userSessionRepository.find(db, user.id, credentials.client) : undefined;
  if (!user || !session || session.expires_at <= now() || !safeEqual(session.token_digest, digest(credentials.accessToken))) {
    return null;
  }
  return { user, session };
}

/** The response headers of devise_token_auth for a session (`access-token`, `client`, `uid`, `expiry`, `token-type`, `authorization`). */
export function sessionHeaders(credentials: SessionCredentials): Record<string, string> {
  const headers = {
    'access-token': credentials.accessToken,
    'token-type': 'Bearer',
    client: credentials.client,
    expiry: String(Math.floor(credentials.expiresAt / 1000)),
    uid: credentials.uid,
  };
  return { ...headers, authorization: `Bearer ${Buffer.from(JSON.stringify(headers)).toString('base64')}` };
}
