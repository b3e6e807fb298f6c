import type { Executor } from '../../db/dialect.js';
import { now } from '../../lib/clock.js';
import { tooManyRequests } from '../../lib/errors.js';
import { authThrottleRepository } from '../../repositories/auth-throttle.repository.js';

/**
 * Failed sign-ins allowed per window, per client IP and per email (Chatwoot's Rack::Attack
 * `login/ip` 5 per 5 minutes and `login/email` 10 per 15 minutes, counted on failures only).
 * Counters live in the database, so every node behind a load balancer shares them.
 */
export const SIGN_IN_LIMITS = {
  ip: { failures: 5, windowMs: 5 * 60_000 },
  email: { failures: 10, windowMs: 15 * 60_000 },
} as const;

function keysOf(ip: string, email: string) {
  return [
    { key: `sign_in:ip:${ip}`, ...SIGN_IN_LIMITS.ip },
    { key: `sign_in:email:${email.trim().toLowerCase()}`, ...SIGN_IN_LIMITS.email },
  ];
}

/** Throws 429 with Retry-After when the IP or the email has used up its failed attempts. */
export async function checkSignInThrottle(db: Executor, ip: string, email: string): Promise<void> {
  const at = now();
  for (const limit of keysOf(ip, email)) {
    const { failures, windowStartedAt } = await authThrottleRepository.failures(db, limit.key, limit.windowMs, at);
    if (failures >= limit.failures) {
      throw tooManyRequests((windowStartedAt + limit.windowMs - at) / 1000, 'Too many failed sign-in attempts. Retry later.');
    }
  }
}

/** Counts a failed sign-in against the IP and the email. */
export async function recordSignInFailure(db: Executor, ip: string, email: string): Promise<void> {
  const at = now();
  for (const limit of keysOf(ip, email)) {
    await authThrottleRepository.countFailure(db, limit.key, limit.windowMs, at);
  }
  // Closed windows are worthless; trim them now and then instead of in a separate job.
  if (Math.random() < 0.01) {
    await authThrottleRepository.prune(db, at - MAIL_REQUEST_LIMITS.email.windowMs);
  }
}

/**
 * Requests that send mail to an address (password reset, confirmation resend) allowed per
 * window, per client IP and per email, counted whatever the outcome (Chatwoot's
 * `reset_password/*` and `resend_confirmation/*` throttles: 5 per 30 minutes, 5 per hour).
 */
export const MAIL_REQUEST_LIMITS = {
  ip: { failures: 5, windowMs: 30 * 60_000 },
  email: { failures: 5, windowMs: 60 * 60_000 },
} as const;

/** Throws 429 with Retry-After when the IP or the email asked too often; otherwise counts this request. */
export async function throttleMailRequest(db: Executor, scope: 'reset_password' | 'resend_confirmation', ip: string, email: string): Promise<void> {
  const at = now();
  const limits = [
    { key: `${scope}:ip:${ip}`, ...MAIL_REQUEST_LIMITS.ip },
    { key: `${scope}:email:${email.trim().toLowerCase()}`, ...MAIL_REQUEST_LIMITS.email },
  ];
  for (const limit of limits) {
    const { failures, windowStartedAt } = await authThrottleRepository.failures(db, limit.key, limit.windowMs, at);
    if (failures >= limit.failures) {
      throw tooManyRequests((windowStartedAt + limit.windowMs - at) / 1000, 'Too many requests. Retry later.');
    }
  }
  for (const limit of limits) {
    await authThrottleRepository.countFailure(db, limit.key, limit.windowMs, at);
  }
}

/** A successful sign-in forgets the email's failures (the IP's stay counted). */
export async function clearSignInFailures(db: Executor, email: string): Promise<void> {
  await authThrottleRepository.clear(db, `sign_in:email:${email.trim().toLowerCase()}`);
}
