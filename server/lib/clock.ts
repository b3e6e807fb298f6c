/** Epoch milliseconds; every timestamp column holds this. */
export type EpochMs = number;

/** The current time in epoch milliseconds. */
export function now(): EpochMs {
  return Date.now();
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
