import { createHmac } from 'node:crypto';
import { safeEqual } from './tokens.js';

type Claims = Record<string, unknown>;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function signature(input: string, secret: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

/** An HS256 JSON Web Token of `claims`, signed with `secret` (Chatwoot's widget tokens use SECRET_KEY_BASE). */
export function signJwt(claims: Claims, secret: string): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${signature(body, secret)}`;
}

/**
 * The claims of an HS256 token signed with `secret`, or null when it is malformed, uses
 * another algorithm, carries a wrong signature (compared in constant time) or has expired
 * (`exp`, seconds) at `nowSeconds`.
 */
export function verifyJwt(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): Claims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 4096) {
    return null;
  }
  const [header, payload, sig] = parts;
  if (!safeEqual(sig, signature(`${header}.${payload}`, secret))) {
    return null;
  }
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Claims;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (head.alg !== 'HS256' || typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
      return null;
    }
    const exp = (claims as Claims).exp;
    if (exp !== undefined && (typeof exp !== 'number' || exp <= nowSeconds)) {
      return null;
    }
    return claims as Claims;
  } catch {
    return null;
  }
}
