import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A random URL-safe token, as Rails' `has_secure_token` (24 base58-ish chars). */
export function randomToken(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

/** A random UUID v4. */
export function uuid(): string {
  return randomUUID();
}

/** SHA-256 hex digest; access tokens are looked up by this. */
export function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time equality of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Hex HMAC-SHA256 of `message` keyed with `key`. */
export function hmacHex(key: string, message: string): string {
  return createHmac('sha256', key).update(message).digest('hex');
}

function keyFrom(secretKeyBase: string): Buffer {
  return createHash('sha256').update(`parley-token-encryption:${secretKeyBase}`).digest();
}

/** Encrypts a short secret with AES-256-GCM under a key derived from SECRET_KEY_BASE. */
export function encrypt(secretKeyBase: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secretKeyBase), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** Reverses `encrypt`; null when the ciphertext was made under another secret. */
export function decrypt(secretKeyBase: string, ciphertext: string): string | null {
  const [iv, tag, body] = ciphertext.split('.').map((part) => Buffer.from(part, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(secretKeyBase), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
