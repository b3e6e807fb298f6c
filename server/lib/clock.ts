/** Epoch milliseconds; every timestamp column holds this. */
export type EpochMs = number;

let offsetMs = 0;

/** The current time in epoch milliseconds (moved by advanceClock in tests). */
export function now(): EpochMs {
  return Date.now() + offsetMs;
}

/**
 * Tests only: moves now() forward by `ms` (a day of failures without waiting a day).
 * Everything that reads the time through now() sees it; resetClock() undoes it.
 */
export function advanceClock(ms: number): void {
  offsetMs += ms;
}

/** Tests only: now() is the real time again. */
export function resetClock(): void {
  offsetMs = 0;
}

/** Unix seconds (integer) as Chatwoot renders most timestamps; null → null. */
export function toUnix(ms: EpochMs | null | undefined): number | null {
  return ms === null || ms === undefined ? null : Math.floor(ms / 1000);
}

/** Unix seconds, with null rendered as 0 (Chatwoot's `.to_i` on nil). */
export function toUnixOrZero(ms: EpochMs | null | undefined): number {
  return ms === null || ms === undefined ? 0 : Math.floor(ms / 1000);
}

/** Float epoch seconds, as Chatwoot renders conversation `updated_at`. */
export function toUnixFloat(ms: EpochMs): number {
  return ms / 1000;
}

/** ISO-8601 with milliseconds (`2026-01-01T10:00:00.000Z`); null → null. */
export function toIso(ms: EpochMs | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}
