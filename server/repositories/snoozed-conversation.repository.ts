import type { Executor } from '../db/dialect.js';
import type { ConversationRow } from '../db/schema.js';

const SNOOZED = 3;

/** Snoozed conversations across accounts, for the wake-up job. */
export const snoozedConversationRepository = {
  /** Snoozed conversations whose snooze ended between `since` and `until`, oldest first. */
  listDue(db: Executor, since: number, until: number, limit: number): Promise<ConversationRow[]> {
    return db.selectFrom('conversations').selectAll().where('status', '=', SNOOZED)
      .where('snoozed_until', '>=', since).where('snoozed_until', '<=', until)
      .orderBy('snoozed_until').orderBy('id').limit(limit).execute();
  },
};
