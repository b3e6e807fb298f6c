import type { BenchOptions } from './args.js';
import type { HttpCeiling } from './ceilings.js';
import type { BenchDatabase } from './database.js';
import type { BenchAccount } from './fixtures.js';
import type { ServerEnv } from './processes.js';
import { benchRecord, type BenchRecord, type Metric } from './results.js';

/** Everything a scenario needs: options, the run's database and ceilings, and where its figures go. */
export interface BenchContext {
  options: BenchOptions;
  database: BenchDatabase;
  redisUrl: string | null;
  serverEnv: ServerEnv;
  http: HttpCeiling;
  /** The seeded benchmark account (seeded on first use). */
  account(): Promise<BenchAccount>;
  /** The account once seeded, null before. */
  seeded: BenchAccount | null;
  records: BenchRecord[];
  notes: string[];
}

/** Adds one figure of `scenario` to the run. */
export function addRecord(ctx: BenchContext, scenario: string, metric: Metric, value: number, unit: string, ceiling: number | null = null): void {
  if (!Number.isFinite(value)) {
    addNote(ctx, `${scenario} ${metric}: no figure (nothing was measured; see the lines above)`);
    return;
  }
  ctx.records.push(benchRecord(scenario, ctx.options.db, metric, value, unit, ceiling));
}

/** Adds a note printed under the table. */
export function addNote(ctx: BenchContext, text: string): void {
  ctx.notes.push(text);
  console.error(`  ${text}`);
}

/** Bytes of a JSON body as sent on the wire. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
