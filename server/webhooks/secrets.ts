import { now } from '../lib/clock.js';
import { randomToken } from '../lib/tokens.js';

/** A receiver's signing secrets as stored: the current one and, for a while after a rotation, the one before. */
export interface StoredSecrets {
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: number | null;
}

/** The secrets that sign a delivery now: the current one, and the previous one while its overlap window lasts. */
export interface SigningSecrets {
  secret: string | null;
  previous: string | null;
}

/** What to store for a new secret; the current one keeps signing for `overlapMs` more (0: it stops at once). */
export function rotatedSecrets(current: StoredSecrets, overlapMs: number): StoredSecrets {
  return {
    secret: randomToken(18),
    previous_secret: overlapMs > 0 ? current.secret : null,
    previous_secret_expires_at: overlapMs > 0 ? now() + overlapMs : null,
  };
}

/** The secrets to sign with at this moment. */
export function signingSecrets(stored: StoredSecrets): SigningSecrets {
  const overlap = stored.previous_secret && stored.previous_secret_expires_at !== null && stored.previous_secret_expires_at > now();
  return { secret: stored.secret || null, previous: overlap ? stored.previous_secret : null };
}
