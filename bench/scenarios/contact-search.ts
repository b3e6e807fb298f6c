import { openBulkWriter } from '../bulk.js';
import { addNote, addRecord, byteLength, type BenchContext } from '../context.js';
import { CONTACT_COLUMNS } from '../fixtures.js';
import { describeLoad, runLoad, runPaced, type LoadResult } from '../load.js';
import { httpGet, startServer, type Child } from '../processes.js';

const SCENARIO = 'contact_search';
/** Contacts per transaction while seeding. */
const CHUNK = 10_000;
const SAMPLE_TIMEOUT_MS = 30_000;

/** Eight hex digits that look random but are a function of `i` (Knuth's multiplicative hash). */
export function scrambled(i: number, salt: number): string {
  return (Math.imul(i + salt * 7919, 2654435761) >>> 0).toString(16).padStart(8, '0');
}

/** The searchable values of the i-th seeded contact. */
export function searchContact(i: number): { name: string; email: string; phone: string; identifier: string } {
  return {
    name: `Person ${scrambled(i, 1)}`,
    email: `${scrambled(i, 2)}.${i}@search.example`,
    phone: `+1${3_000_000_000 + i}`,
    identifier: `cust-${scrambled(i, 3)}-${i}`,
  };
}

/**
 * Bulk-inserts `count` contacts with varied names, emails, phones and identifiers. On
 * PostgreSQL the contacts indexes (trigram GIN included) are dropped for the load and built
 * once after it; on SQLite the FTS5 triggers index each row as it lands, as they would in use.
 */
async function seedContacts(url: string, accountId: number, count: number): Promise<number> {
  const started = Date.now();
  const writer = await openBulkWriter(url);
  try {
    const restore = url.startsWith('sqlite:') ? async () => undefined : await writer.withoutIndexes('contacts');
    const t0 = Date.now();
    for (let from = 0; from < count; from += CHUNK) {
      await writer.transaction(async () => {
        const rows: unknown[][] = [];
        for (let i = from; i < Math.min(count, from + CHUNK); i++) {
          const c = searchContact(i);
          rows.push([accountId, c.name, '', '', c.email, c.phone, c.identifier, { city: i % 2 === 0 ? 'Berlin' : 'Paris' }, {}, t0 - i, 0,
            '', '', false, null, t0 - i, t0 - i]);
        }
        await writer.insert('contacts', CONTACT_COLUMNS, rows);
      });
    }
    await restore();
    await writer.analyze(false);
  } finally {
    await writer.close();
  }
  return (Date.now() - started) / 1000;
}

interface CaseResult {
  label: string;
  max: LoadResult;
  half: LoadResult;
  bytes: number;
}

/** Saturates one request shape, then runs it at half that rate; requests spread over many seeded contacts. */
async function runCase(ctx: BenchContext, server: Child, token: string, label: string, method: 'GET' | 'POST',
  next: () => { path: string; body?: string }): Promise<CaseResult> {
  const headers = { api_access_token: token };
  const probe = next();
  const sample = method === 'GET' ? await httpGet(server.port, probe.path, headers, SAMPLE_TIMEOUT_MS) : null;
  if (sample && sample.status !== 200) {
    throw new Error(`${SCENARIO}: ${probe.path} answered ${sample.status}: ${sample.body.slice(0, 300)}`);
  }
  const spec = { port: server.port, method, headers, connections: ctx.options.connections, next };
  const max = await runLoad({ ...spec, seconds: ctx.options.phaseSeconds });
  const half = await runPaced({ ...spec, seconds: ctx.options.phaseSeconds, rate: Math.max(1, max.throughput / 2) });
  addNote(ctx, `${describeLoad(`${SCENARIO} ${label} max`, max)}; at half rate p95 ${half.p95.toFixed(2)} ms, p99 ${half.p99.toFixed(2)} ms`);
  return { label, max, half, bytes: sample ? byteLength(sample.body) : 2_000 };
}

/**
 * contact_search: an account with 1,000,000 contacts (quick 50,000); substring searches
 * (`GET /contacts/search?q=`, six characters from the middle of a name, email, phone or
 * identifier) and a filter (`POST /contacts/filter`, name contains), each saturated and then
 * paced at half its max. The JSON keeps the slower case's throughput and the worst latencies.
 */
export async function contactSearch(ctx: BenchContext): Promise<void> {
  const account = await ctx.account();
  const count = ctx.options.contacts;
  const seconds = await seedContacts(ctx.database.url, account.accountId, count);
  addNote(ctx, `${SCENARIO}: seeded ${count} contacts in ${seconds.toFixed(1)} s`);
  let n = 0;
  const pick = () => searchContact(Math.floor(((n++ * 7_654_321) % count + count) % count));
  const base = `/api/v1/accounts/${account.accountId}/contacts`;
  const { child: server } = await startServer(ctx.serverEnv);
  const results: CaseResult[] = [];
  try {
    results.push(await runCase(ctx, server, account.adminToken, 'search', 'GET', () => {
      const c = pick();
      const field = [c.name.slice(9, 15), c.email.slice(1, 7), c.phone.slice(4, 10), c.identifier.slice(6, 12)][n % 4];
      return { path: `${base}/search?q=${encodeURIComponent(field)}` };
    }));
    results.push(await runCase(ctx, server, account.adminToken, 'filter', 'POST', () => ({
      path: `${base}/filter`,
      body: JSON.stringify({ payload: [{ attribute_key: 'name', filter_operator: 'contains', values: [pick().name.slice(8, 14)], query_operator: null }] }),
    })));
  } finally {
    await server.stop();
  }
  const slowest = results.reduce((a, b) => (b.max.throughput < a.max.throughput ? b : a));
  const ceiling = await ctx.http.measure('GET', slowest.bytes, ctx.options.connections, ctx.options.phaseSeconds);
  addNote(ctx, describeLoad(`HTTP ceiling (bare Fastify, GET → ${slowest.bytes} B, the size of the ${slowest.label} answer)`, ceiling));
  addRecord(ctx, SCENARIO, 'throughput', slowest.max.throughput, 'req/s', ceiling.throughput);
  for (const [metric, key] of [['p50_ms', 'p50'], ['p95_ms', 'p95'], ['p99_ms', 'p99']] as const) {
    addRecord(ctx, SCENARIO, metric, Math.max(...results.map((r) => r.half[key])), 'ms');
  }
  addRecord(ctx, SCENARIO, 'seconds', seconds, 's');
}
