import type { Executor } from '../db/dialect.js';
import { eventFromRow } from '../events/outbox.js';
import { pubsubRepository } from '../repositories/pubsub.repository.js';
import { buildFrame, type Frame } from './frames.js';

/** Most outbox events of one account a resume may replay; a longer gap answers resync_required. */
export const REPLAY_LIMIT = 200;
/** How far below the resume point a late-committed event is looked for. */
const LATE_WINDOW = 1000;
/** How long delivered outbox rows are kept for resuming clients. */
export const OUTBOX_RETENTION_MS = 3 * 24 * 3_600_000;

/** What a resuming client missed: the frames for its streams, or resyncRequired when they are no longer known. */
export interface Replay {
  frames: Frame[];
  resyncRequired: boolean;
}

/**
 * The frames of an account's events after `after` that reach any of `streams`, in sequence
 * order, rebuilt from current state (as ActionCableBroadcastJob sends latest state). Events
 * numbered below `after` but delivered after it (a later commit) come first.
 * resyncRequired when the gap starts before what the outbox still keeps, is longer than
 * REPLAY_LIMIT, or `after` lies beyond the newest event (another database).
 */
export async function replayFrames(db: Executor, accountId: number, streams: readonly string[], after: number): Promise<Replay> {
  const resync: Replay = { frames: [], resyncRequired: true };
  const range = await pubsubRepository.retainedRange(db);
  if (range === null) {
    return after > 0 ? resync : { frames: [], resyncRequired: false };
  }
  if (after > range.max || after < range.min - 1) {
    return resync;
  }
  const late = after > 0 ? await pubsubRepository.eventsDeliveredLate(db, accountId, after, LATE_WINDOW) : [];
  const rows = [...late, ...await pubsubRepository.eventsAfter(db, accountId, after, REPLAY_LIMIT + 1)];
  if (rows.length > REPLAY_LIMIT) {
    return resync;
  }
  const wanted = new Set(streams);
  const frames: Frame[] = [];
  for (const row of rows) {
    const frame = await buildFrame(db, eventFromRow(row));
    if (frame && frame.streams.some((s) => wanted.has(s))) {
      frames.push(frame);
    }
  }
  return { frames, resyncRequired: false };
}

/**
 * Deletes delivered outbox rows older than the retention window (called periodically by
 * serve()). Rows still undelivered, and everything after them, stay; the newest row always
 * stays so the replay watermark survives an idle period. Returns how many rows went.
 */
export async function pruneOutbox(db: Executor, retentionMs = OUTBOX_RETENTION_MS, at = Date.now()): Promise<number> {
  const firstKept = await pubsubRepository.firstKeptId(db, at - retentionMs);
  return firstKept === null ? 0 : pubsubRepository.deleteEventsBelow(db, firstKept);
}
