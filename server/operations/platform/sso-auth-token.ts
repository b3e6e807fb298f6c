import type { UserRow } from '../../db/schema.js';
import type { Env } from '../../env.js';
import { hmacHex, safeEqual } from '../../lib/tokens.js';

/** How long a single sign-on link works (Chatwoot keeps its SSO tokens 5 minutes). */
export const SSO_TOKEN_TTL_MS = 5 * 60 * 1000;

function signature(env: Env, user: UserRow, expiresAt: number): string {
  return hmacHex(env.secretKeyBase, `sso:${user.id}:${user.email}:${user.encrypted_password}:${expiresAt}`);
}

/**
 * A single sign-on token for the user: `<expiry ms>.<HMAC>` keyed with SECRET_KEY_BASE
 * over the user's id, email and password hash. It expires after 5 minutes and stops
 * working as soon as the user's email or password changes. It is stateless, so it
 * is not burnt on first use (Chatwoot deletes its Redis key on sign-in).
 */
export function issueSsoAuthToken(env: Env, user: UserRow, at: number = Date.now()): string {
  const expiresAt = at + SSO_TOKEN_TTL_MS;
  return `${expiresAt}.${signature(env, user, expiresAt)}`;
}

/** True when `token` was issued for this user by `issueSsoAuthToken` and has not expired. */
export function verifySsoAuthToken(env: Env, user: UserRow, token: string, at: number = Date.now()): boolean {
  const [expiry, mac] = token.split('.');
  const expiresAt = Number(expiry);
  if (!mac || !Number.isSafeInteger(expiresAt) || expiresAt < at) {
    return false;
  }
  return safeEqual(mac, signature(env, user, expiresAt));
}

/**
 * The single sign-on link `GET /platform/api/v1/users/:id/login` answers with, as
 * Chatwoot's `generate_sso_link`: the dashboard's login page with the email and a
 * token that `POST /auth/sign_in {email, sso_auth_token}` accepts instead of a password.
 */
export function ssoLoginUrl(env: Env, user: UserRow): string {
  return `${env.frontendUrl}/app/login?email=${encodeURIComponent(user.email)}&sso_auth_token=${encodeURIComponent(issueSsoAuthToken(env, user))}`;
}
