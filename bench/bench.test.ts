// The bench's pure parts: argument parsing, result records and files, percentiles, SQL building,
// seed distributions, the wait for a quiet machine. No load runs here.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { parseBenchArgs, SCENARIOS } from './args.js';
import { insertSql, rowsPerStatement } from './bulk.js';
import { assertLoopback, withDatabaseName } from './database.js';
import { messagesFor, seededAssignee, seededStatus } from './fixtures.js';
import { waitForQuietCpu } from './quiet.js';
import {
  benchRecord, datedName, formatTable, latencySummary, percentile, ratioOf, shapeProblems, writeResults,
} from './results.js';
import { listCases, listPath } from './scenarios/conversation-list.js';

describe('bench arguments', () => {
  it('defaults to the full run of every scenario on SQLite without Redis', () => {
    const o = parseBenchArgs([]);
    assert.deepEqual(o, {
      quick: false, scenarios: [...SCENARIOS], db: 'sqlite', redis: false, conversations: 100_000, messages: 1_000_000,
      connections: 10, phaseSeconds: 5, sockets: 1000, contacts: 1_000_000, analyze: false, help: false,
    });
  });

  it('--quick shrinks the sizes and phases; postgres turns Redis on unless told otherwise', () => {
    const o = parseBenchArgs(['--quick', '--db', 'postgres']);
    assert.equal(o.conversations, 10_000);
    assert.equal(o.messages, 100_000);
    assert.equal(o.phaseSeconds, 1);
    assert.equal(o.redis, true);
    assert.equal(parseBenchArgs(['--db', 'postgres', '--redis', 'off']).redis, false);
  });

  it('keeps the run order whatever order --scenario names them in', () => {
    assert.deepEqual(parseBenchArgs(['--scenario', 'idle_rss, message_create']).scenarios, ['message_create', 'idle_rss']);
  });

  it('takes explicit sizes and refuses bad values, naming the option', () => {
    const o = parseBenchArgs(['--conversations', '500', '--messages', '2000', '--connections', '4', '--seconds', '0.5']);
    assert.deepEqual([o.conversations, o.messages, o.connections, o.phaseSeconds], [500, 2000, 4, 0.5]);
    assert.throws(() => parseBenchArgs(['--scenario', 'nope']), /unknown scenario "nope"/);
    assert.throws(() => parseBenchArgs(['--db', 'mysql']), /--db must be one of sqlite\|postgres/);
    assert.throws(() => parseBenchArgs(['--conversations', '0']), /--conversations must be a positive integer/);
    assert.throws(() => parseBenchArgs(['--redis', 'maybe']), /--redis must be one of on\|off/);
    assert.throws(() => parseBenchArgs(['--bogus']));
  });
});

describe('bench results', () => {
  it('computes the ratio from unrounded figures and leaves it null without a ceiling', () => {
    assert.equal(ratioOf(4123.5, 16500.2), 0.25);
    assert.equal(ratioOf(1, 3), 0.333);
    assert.equal(ratioOf(10, null), null);
    assert.equal(ratioOf(10, 0), null);
    assert.equal(ratioOf(NaN, 10), null);
  });

  it('builds records with the documented keys in order', () => {
    const r = benchRecord('message_create', 'sqlite', 'throughput', 4123.456, 'msg/s', 16500.2);
    assert.deepEqual(r, { scenario: 'message_create', db: 'sqlite', metric: 'throughput', value: 4123.46, unit: 'msg/s', ceiling: 16500.2, ratio: 0.25 });
    assert.deepEqual(Object.keys(benchRecord('idle_rss', 'postgres', 'rss_mb', 80, 'MB')), ['scenario', 'db', 'metric', 'value', 'unit', 'ceiling', 'ratio']);
    assert.equal(benchRecord('idle_rss', 'postgres', 'rss_mb', 80, 'MB').ratio, null);
  });

  it('writes latest.json and the dated file with the same array', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
    try {
      const records = [benchRecord('cold_start', 'sqlite', 'seconds', 0.42, 's', 0.12)];
      const paths = writeResults(dir, records, 'sqlite', new Date('2026-11-21T22:00:00Z'));
      assert.deepEqual(paths, [join(dir, 'latest.json'), join(dir, '2026-11-21-sqlite.json')]);
      for (const path of paths) {
        const parsed = JSON.parse(readFileSync(path, 'utf8'));
        assert.deepEqual(parsed, records);
        assert.deepEqual(shapeProblems(parsed), []);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds shape problems', () => {
    assert.deepEqual(shapeProblems({}), ['not an array']);
    assert.equal(shapeProblems([{ scenario: 'x', db: 'sqlite', metric: 'seconds', value: '1', unit: 's', ceiling: null, ratio: null }]).length, 1);
    assert.equal(shapeProblems([{ scenario: 'x', value: 1 }]).length, 2);
  });

  it('names dated files by UTC day and engine', () => {
    assert.equal(datedName(new Date('2026-01-02T23:59:00Z'), 'postgres'), '2026-01-02-postgres.json');
  });

  it('prints a table with one row per record and the notes under it', () => {
    const table = formatTable([benchRecord('idle_rss', 'sqlite', 'rss_mb', 81.2, 'MB', 40)], ['machine: 2 cores']);
    const lines = table.split('\n');
    assert.match(lines[0], /^scenario\s+db\s+metric\s+value\s+unit\s+ceiling\s+ratio$/);
    assert.match(lines[2], /^idle_rss\s+sqlite\s+rss_mb\s+81\.2\s+MB\s+40\s+2\.03$/);
    assert.equal(lines.at(-1), '* machine: 2 cores');
  });

  it('takes percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    assert.deepEqual(latencySummary(samples), { p50: 50, p95: 95, p99: 99 });
    assert.equal(percentile([7], 99), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
  });
});

describe('bench seeding and scenarios', () => {
  it('builds multi-row inserts with either placeholder style, within the parameter limits', () => {
    assert.equal(insertSql('t', ['a', 'b'], 2, false), 'INSERT INTO t (a, b) VALUES (?, ?), (?, ?)');
    assert.equal(insertSql('t', ['a', 'b'], 2, true, ['id']), 'INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) RETURNING id');
    assert.equal(rowsPerStatement(27, 32_000), 500);
    assert.equal(rowsPerStatement(200, 32_000), 160);
  });

  it('spreads statuses, assignees and messages as documented', () => {
    const statuses = Array.from({ length: 20 }, (_, i) => seededStatus(i));
    assert.deepEqual([0, 1, 2, 3].map((s) => statuses.filter((x) => x === s).length), [10, 6, 3, 1]);
    const assignees = Array.from({ length: 200 }, (_, i) => seededAssignee(i, 1, [2, 3, 4]));
    assert.equal(assignees.filter((a) => a === 1).length, 60);
    assert.equal(assignees.filter((a) => a === null).length, 80);
    const unassignedResolved = Array.from({ length: 200 }, (_, i) => i).filter((i) => seededStatus(i) === 1 && seededAssignee(i, 1, [2]) === null);
    assert.equal(unassignedResolved.length, 24, 'status and assignee are independent: 30% × 40% of 200');
    const total = Array.from({ length: 7 }, (_, i) => messagesFor(i, 7, 100)).reduce((a, b) => a + b, 0);
    assert.equal(total, 100);
  });

  it('lists the twelve dashboard list cases', () => {
    const cases = listCases();
    assert.equal(cases.length, 12);
    assert.equal(listCases(true).length, 6);
    assert.equal(listPath(3, cases[1]), '/api/v1/accounts/3/conversations?assignee_type=me&status=open&page=50');
  });

  it('only targets loopback databases, and names its own database', () => {
    assert.doesNotThrow(() => assertLoopback('postgres://postgres@127.0.0.1:5432/test'));
    assert.doesNotThrow(() => assertLoopback('redis://localhost:6379/11'));
    assert.throws(() => assertLoopback('postgres://db.example.com/test'), /only talks to loopback/);
    assert.throws(() => assertLoopback('redis://10.0.0.5:6379'), /only talks to loopback/);
    assert.equal(withDatabaseName('postgres://postgres@127.0.0.1:5432/test', 'parley_bench_1'), 'postgres://postgres@127.0.0.1:5432/parley_bench_1');
  });
});

describe('waiting for a quiet machine', () => {
  it('sees a core kept busy, and gives up after its longest wait', async () => {
    // A worker thread spinning for 3 s keeps one core busy whatever else the machine does.
    const spinner = new Worker('const end = Date.now() + 3000; while (Date.now() < end) {}', { eval: true });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const seen = await waitForQuietCpu(900);
      assert.equal(seen.quiet, false);
      assert.ok(seen.busyCores >= 0.5, `busy cores ${seen.busyCores}`);
      assert.ok(seen.waitedMs >= 900, `waited ${seen.waitedMs} ms`);
    } finally {
      await spinner.terminate();
    }
  });
});
