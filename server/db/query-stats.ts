import { appendFileSync } from 'node:fs';
import type { LogEvent } from 'kysely';

/**
 * Time spent per SQL statement, for finding the expensive queries of a hot path. Turned on
 * by PARLEY_QUERY_STATS (off by default: it costs a little per query): `1` prints the table to
 * stderr when the database is closed, most expensive first; any other value is a file the
 * table is appended to (for servers whose stderr is not at hand, e.g. under the bench).
 */
export class QueryStats {
  private readonly bySql = new Map<string, { count: number; ms: number; maxMs: number }>();

  static fromEnv(): QueryStats | undefined {
    return process.env.PARLEY_QUERY_STATS ? new QueryStats() : undefined;
  }

  /** Writes the report where PARLEY_QUERY_STATS says. */
  flush(): void {
    const target = process.env.PARLEY_QUERY_STATS;
    if (target === '1') {
      process.stderr.write(`${this.report()}\n`);
    } else if (target) {
      appendFileSync(target, `${this.report()}\n`);
    }
  }

  readonly log = (event: LogEvent): void => {
    const sql = event.query.sql;
    const entry = this.bySql.get(sql) ?? { count: 0, ms: 0, maxMs: 0 };
    entry.count += 1;
    entry.ms += event.queryDurationMillis;
    entry.maxMs = Math.max(entry.maxMs, event.queryDurationMillis);
    this.bySql.set(sql, entry);
  };

  report(limit = 25): string {
    const rows = [...this.bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, limit);
    const entries = [...this.bySql.values()];
    const total = entries.reduce((sum, e) => sum + e.ms, 0);
    const count = entries.reduce((sum, e) => sum + e.count, 0);
    return [`query stats: ${count} queries, ${total.toFixed(0)} ms in SQL`, ...rows.map(([sql, e]) =>
      `${e.ms.toFixed(0).padStart(7)} ms ${String(e.count).padStart(7)}× avg ${(e.ms / e.count).toFixed(3)} max ${e.maxMs.toFixed(1)}  ${sql.slice(0, 220)}`)].join('\n');
  }
}
