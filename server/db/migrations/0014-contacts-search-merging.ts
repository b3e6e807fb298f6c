import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/** FTS5's default: merge once four segments of a level exist (literals: FTS5 commands take no bound values). */
const DEFAULT_AUTOMERGE = 4;
/** Merge once sixteen exist (FTS5's crisis-merge level, so it still bounds them). */
const AUTOMERGE = 16;

/**
 * SQLite's contact search index merges its segments less eagerly. Every write
 * transaction adds a segment to `contacts_search`; with FTS5's default, four segments of a
 * level are merged into one of the next, so a bulk import rewrote each trigram of each new
 * contact about once per level, and those merges were a good part of its time. With sixteen
 * per level each trigram is rewritten about half as often; a search reads a few more
 * segments, which costs little next to its budget. The setting lives in the FTS5 table's
 * own config, so every connection uses it. PostgreSQL has no such table: nothing to do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`INSERT INTO contacts_search(contacts_search, rank) VALUES ('automerge', ${sql.lit(AUTOMERGE)})`.execute(db);
  }
}

/** Back to FTS5's default. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`INSERT INTO contacts_search(contacts_search, rank) VALUES ('automerge', ${sql.lit(DEFAULT_AUTOMERGE)})`.execute(db);
  }
}
