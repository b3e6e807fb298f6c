import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbName } from './args.js';

export type Metric = 'throughput' | 'p50_ms' | 'p95_ms' | 'p99_ms' | 'rss_mb' | 'seconds';

/** One figure of a run, as written to bench/results/*.json. */
export interface BenchRecord {
  scenario: string;
  db: DbName;
  metric: Metric;
  value: number;
  unit: string;
  /** The bound measured in the same run (null where none applies). */
  ceiling: number | null;
  /** value / ceiling (null without a ceiling). */
  ratio: number | null;
}

/** Rounds to `digits` decimals (figures are written with 2, ratios with 3). */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** value / ceiling, rounded to 3 decimals; null when there is no usable ceiling. */
export function ratioOf(value: number, ceiling: number | null | undefined): number | null {
  if (ceiling === null || ceiling === undefined || !Number.isFinite(ceiling) || ceiling <= 0 || !Number.isFinite(value)) {
    return null;
  }
  return round(value / ceiling, 3);
}

/** Builds one record; the ratio is computed from the unrounded figures. */
export function benchRecord(
  scenario: string, db: DbName, metric: Metric, value: number, unit: string, ceiling: number | null = null,
): BenchRecord {
  return {
    scenario, db, metric, value: round(value), unit,
    ceiling: ceiling === null || !Number.isFinite(ceiling) ? null : round(ceiling), ratio: ratioOf(value, ceiling),
  };
}

/** The p-th percentile (0–100) of the samples, by nearest rank; NaN without samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** p50/p95/p99 of unsorted samples. */
export function latencySummary(samples: readonly number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/** Checks that a parsed results file has the documented shape; returns the problems found. */
export function shapeProblems(parsed: unknown): string[] {
  if (!Array.isArray(parsed)) {
    return ['not an array'];
  }
  const keys = ['scenario', 'db', 'metric', 'value', 'unit', 'ceiling', 'ratio'];
  return parsed.flatMap((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) {
      return [`[${i}] is not an object`];
    }
    const r = item as Record<string, unknown>;
    const problems: string[] = [];
    if (Object.keys(r).join(',') !== keys.join(',')) {
      problems.push(`[${i}] keys are ${Object.keys(r).join(',')}`);
    }
    if (typeof r.value !== 'number' || (r.ceiling !== null && typeof r.ceiling !== 'number') || (r.ratio !== null && typeof r.ratio !== 'number')) {
      problems.push(`[${i}] value/ceiling/ratio are not numbers or null`);
    }
    return problems;
  });
}

/** The file name of a dated results file: `<YYYY-MM-DD>-<db>.json` (UTC date). */
export function datedName(date: Date, db: DbName): string {
  return `${date.toISOString().slice(0, 10)}-${db}.json`;
}

/** Writes `latest.json` and the dated file into `dir`; returns their paths. */
export function writeResults(dir: string, records: BenchRecord[], db: DbName, date = new Date()): string[] {
  mkdirSync(dir, { recursive: true });
  const text = JSON.stringify(records, null, 2) + '\n';
  const paths = [join(dir, 'latest.json'), join(dir, datedName(date, db))];
  for (const path of paths) {
    writeFileSync(path, text);
  }
  return paths;
}

function cell(value: number | null): string {
  return value === null ? '—' : String(value);
}

/** The stdout table: one line per record, plus any notes the scenarios left. */
export function formatTable(records: BenchRecord[], notes: string[] = []): string {
  const header = ['scenario', 'db', 'metric', 'value', 'unit', 'ceiling', 'ratio'];
  const rows = records.map((r) => [r.scenario, r.db, r.metric, cell(r.value), r.unit, cell(r.ceiling), cell(r.ratio)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 && i !== 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  if (notes.length > 0) {
    out.push('', ...notes.map((n) => `* ${n}`));
  }
  return out.join('\n');
}
