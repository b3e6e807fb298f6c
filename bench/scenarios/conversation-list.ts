import { addNote, addRecord, byteLength, type BenchContext } from '../context.js';
import type { BenchAccount } from '../fixtures.js';
import { describeLoad, runLoad, runPaced, type LoadResult } from '../load.js';
import { httpGet, rssMb, startServer, type Child } from '../processes.js';

const SCENARIO = 'conversation_list';
const PER_PAGE = 25;
const ASSIGNEE_TYPES = ['me', 'unassigned', 'all'] as const;
const STATUSES = ['open', 'resolved'] as const;
const PAGES = [1, 50] as const;
/** The single requests that size a case wait this long (a slow server is a figure, not a failure). */
const SAMPLE_TIMEOUT_MS = 30_000;

/** One list request shape of the scenario. */
export interface ListCase {
  assigneeType: (typeof ASSIGNEE_TYPES)[number];
  status: (typeof STATUSES)[number];
  page: number;
}

/** Mine / Unassigned / All × open / resolved × page 1 / page 50: the dashboard's list tabs (quick: open only). */
export function listCases(quick = false): ListCase[] {
  const statuses = quick ? STATUSES.slice(0, 1) : STATUSES;
  return ASSIGNEE_TYPES.flatMap((assigneeType) => statuses.flatMap((status) => PAGES.map((page) => ({ assigneeType, status, page }))));
}

export function listPath(accountId: number, c: ListCase): string {
  return `/api/v1/accounts/${accountId}/conversations?assignee_type=${c.assigneeType}&status=${c.status}&page=${c.page}`;
}

interface CaseResult {
  label: string;
  max: LoadResult;
  half: LoadResult;
  bytes: number;
}

/** The last page that has rows for the case (page 50 is asked for; smaller seeds may not have that many). */
async function reachablePage(server: Child, account: BenchAccount, c: ListCase): Promise<number> {
  const headers = { api_access_token: account.adminToken };
  const first = await httpGet(server.port, listPath(account.accountId, { ...c, page: 1 }), headers, SAMPLE_TIMEOUT_MS);
  if (first.status !== 200) {
    throw new Error(`${SCENARIO}: GET answered ${first.status}: ${first.body.slice(0, 300)}`);
  }
  const meta = (JSON.parse(first.body) as { data: { meta: Record<string, number> } }).data.meta;
  const count = c.assigneeType === 'me' ? meta.mine_count : c.assigneeType === 'unassigned' ? meta.unassigned_count : meta.all_count;
  return Math.max(1, Math.min(c.page, Math.ceil(count / PER_PAGE)));
}

async function runCase(ctx: BenchContext, server: Child, account: BenchAccount, asked: ListCase): Promise<CaseResult> {
  const c = { ...asked, page: await reachablePage(server, account, asked) };
  const path = listPath(account.accountId, c);
  const headers = { api_access_token: account.adminToken };
  const sample = await httpGet(server.port, path, headers, SAMPLE_TIMEOUT_MS);
  const { connections, phaseSeconds } = ctx.options;
  const spec = { port: server.port, method: 'GET' as const, headers, connections, next: () => ({ path }) };
  const max = await runLoad({ ...spec, seconds: phaseSeconds });
  const half = await runPaced({ ...spec, seconds: phaseSeconds, rate: Math.max(1, max.throughput / 2) });
  const pageNote = c.page === asked.page ? '' : ` (page ${asked.page} does not exist at this seed size)`;
  const label = `${SCENARIO} ${c.assigneeType}/${c.status}/page ${c.page}${pageNote}`;
  addNote(ctx, `${describeLoad(`${label} max`, max)}; at half rate p95 ${half.p95.toFixed(2)} ms, p99 ${half.p99.toFixed(2)} ms`);
  return { label, max, half, bytes: byteLength(sample.body) };
}

/** conversation_list: every case at saturation and at half its max rate; the JSON keeps the worst case of each figure. */
export async function conversationList(ctx: BenchContext): Promise<void> {
  const account = await ctx.account();
  const { child: server } = await startServer(ctx.serverEnv);
  const results: CaseResult[] = [];
  let peak: number;
  try {
    for (const c of listCases(ctx.options.quick)) {
      results.push(await runCase(ctx, server, account, c));
    }
    peak = rssMb(server.pid, 'VmHWM');
  } finally {
    await server.stop();
  }
  const slowest = results.reduce((a, b) => (b.max.throughput < a.max.throughput ? b : a));
  const ceiling = await ctx.http.measure('GET', slowest.bytes, ctx.options.connections, ctx.options.phaseSeconds);
  addNote(ctx, describeLoad(`HTTP ceiling (bare Fastify, GET → ${slowest.bytes} B, the size of ${slowest.label})`, ceiling));
  addRecord(ctx, SCENARIO, 'throughput', slowest.max.throughput, 'req/s', ceiling.throughput);
  for (const [metric, key] of [['p50_ms', 'p50'], ['p95_ms', 'p95'], ['p99_ms', 'p99']] as const) {
    addRecord(ctx, SCENARIO, metric, Math.max(...results.map((r) => r.half[key])), 'ms');
  }
  addRecord(ctx, SCENARIO, 'rss_mb', peak, 'MB');
  addNote(ctx, `${SCENARIO}: ${account.conversations} conversations, ${account.messages} messages; throughput is the slowest case, latencies the worst case at half its max rate`);
}
