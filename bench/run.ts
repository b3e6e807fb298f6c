// `npm run bench`: runs the scenarios against real `parley serve` child processes on loopback,
// each figure beside the ceiling measured in the same run; prints a table and writes bench/results/.
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { randomToken } from '../server/lib/tokens.js';
import { parseBenchArgs, USAGE, type BenchOptions, type ScenarioName } from './args.js';
import { HttpCeiling } from './ceilings.js';
import { addNote, addRecord, type BenchContext } from './context.js';
import { createBenchDatabase, DEFAULT_REDIS_URL, redisUrlOf, type BenchDatabase } from './database.js';
import { benchEnv, seedBenchAccount, type BenchAccount } from './fixtures.js';
import { stopAll } from './processes.js';
import { formatTable, writeResults } from './results.js';
import { waitForQuietCpu } from './quiet.js';
import { settle } from './settle.js';
import { contactImport } from './scenarios/contact-import.js';
import { contactSearch } from './scenarios/contact-search.js';
import { clientMessage } from './scenarios/client-message.js';
import { conversationList } from './scenarios/conversation-list.js';
import { messageCreate } from './scenarios/message-create.js';
import { wsFanout, wsIdle } from './scenarios/realtime.js';
import { scaleOut } from './scenarios/scale-out.js';
import { webhookDelivery } from './scenarios/webhook-delivery.js';
import { coldStart, idleRss } from './scenarios/startup.js';
import { widgetOpen } from './scenarios/widget-open.js';
import { dashboardLoad } from './scenarios/dashboard-load.js';

const RUNNERS: Record<ScenarioName, (ctx: BenchContext) => Promise<void>> = {
  message_create: messageCreate,
  conversation_list: conversationList,
  cold_start: coldStart,
  idle_rss: idleRss,
  ws_idle: wsIdle,
  ws_fanout: wsFanout,
  scale_out: scaleOut,
  contact_import: contactImport,
  contact_search: contactSearch,
  webhook_delivery: webhookDelivery,
  client_message: clientMessage,
  widget_open: widgetOpen,
  dashboard_load: dashboardLoad,
};

/** A scenario that would start after this many seconds of the run is skipped (the whole run stays near 10 minutes). */
const BUDGET_SECONDS = { quick: 75, full: 540 };
/** Longest wait for an idle machine before each scenario (see quiet.ts). */
const QUIET_WAIT_MS = { quick: 1000, full: 15_000 };

/** Empties the bench's own Redis database (only the default one, which nobody else uses). */
async function flushBenchRedis(url: string | null): Promise<void> {
  if (url !== DEFAULT_REDIS_URL || process.env.REDIS_URL) {
    return;
  }
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

/** Clears what a scenario left queued (see settle.ts) and says so when there was anything. */
async function settleAfter(ctx: BenchContext, name: string, seeded: BenchAccount | null): Promise<void> {
  if (!seeded) {
    return;
  }
  const left = await settle(ctx.database.url, seeded.accountId);
  await flushBenchRedis(ctx.redisUrl);
  if (left.events > 0) {
    addNote(ctx, `${name}: left ${left.events} outbox events undelivered (and ${left.jobs} jobs queued) when its servers stopped; cleared before the next scenario`);
  }
}

function contextFor(options: BenchOptions, database: BenchDatabase, redisUrl: string | null): BenchContext {
  const serverEnv = { databaseUrl: database.url, redisUrl, dataDir: join(database.dir, 'data'), secretKeyBase: randomToken(48) };
  let seeded: Promise<BenchAccount> | null = null;
  const ctx: BenchContext = {
    options, database, redisUrl, serverEnv, http: new HttpCeiling(), records: [], notes: [], seeded: null,
    account: () => {
      seeded ??= seedBenchAccount(benchEnv(database.url, serverEnv.dataDir, serverEnv.secretKeyBase), options).then((account) => {
        ctx.seeded = account;
        addRecord(ctx, 'seed', 'seconds', account.seedSeconds, 's');
        addNote(ctx, `seed: ${account.conversations} conversations (with contacts) and ${account.messages} messages by bulk inserts in ${account.seedSeconds.toFixed(1)} s`);
        return account;
      });
      return seeded;
    },
  };
  return ctx;
}

/** Runs the chosen scenarios in order; a failing scenario is reported and the others still run. */
async function runScenarios(ctx: BenchContext, startedAt: number): Promise<number> {
  let failures = 0;
  const budget = ctx.options.quick ? BUDGET_SECONDS.quick : BUDGET_SECONDS.full;
  for (const name of ctx.options.scenarios) {
    const elapsed = (Date.now() - startedAt) / 1000;
    if (elapsed > budget) {
      addNote(ctx, `${name}: skipped, the run had used ${elapsed.toFixed(0)} s of its ${budget} s budget`);
      continue;
    }
    const calm = await waitForQuietCpu(ctx.options.quick ? QUIET_WAIT_MS.quick : QUIET_WAIT_MS.full);
    if (!calm.quiet) {
      addNote(ctx, `${name}: started on a busy machine: ${calm.busyCores.toFixed(2)} cores still busy after ${(calm.waitedMs / 1000).toFixed(1)} s of waiting`);
    }
    console.error(`[${elapsed.toFixed(0)} s] ${name}`);
    try {
      await RUNNERS[name](ctx);
    } catch (error) {
      failures += 1;
      addNote(ctx, `${name}: FAILED: ${(error as Error).stack ?? String(error)}`);
    }
    await settleAfter(ctx, name, ctx.seeded);
  }
  return failures;
}

function machineNote(options: BenchOptions): string {
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  return `machine: ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, load average ${load}; `
    + `${options.quick ? 'quick' : 'full'} run, db ${options.db}, redis ${options.redis ? 'on' : 'off'}, ${options.connections} connections, ${options.phaseSeconds} s phases`
    + (options.analyze && options.db === 'sqlite' ? ', SQLite ANALYZEd after seeding (--analyze: not what a deployment has)' : '');
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const startedAt = Date.now();
  const redisUrl = redisUrlOf(options.redis);
  await flushBenchRedis(redisUrl);
  const database = await createBenchDatabase(options.db);
  const ctx = contextFor(options, database, redisUrl);
  const cleanup = async () => {
    await ctx.http.stop();
    await stopAll();
    await database.drop();
    await flushBenchRedis(redisUrl);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }
  addNote(ctx, machineNote(options));
  let failures: number;
  try {
    failures = await runScenarios(ctx, startedAt);
  } finally {
    await cleanup();
  }
  addNote(ctx, `run took ${((Date.now() - startedAt) / 1000).toFixed(0)} s; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(formatTable(ctx.records, ctx.notes));
  const written = writeResults(resolve('bench', 'results'), ctx.records, options.db);
  console.log(`\nwrote ${written.join(', ')}`);
  process.exitCode = failures > 0 ? 1 : 0;
}

main().catch(async (error: unknown) => {
  console.error((error as Error).stack ?? error);
  await stopAll();
  process.exit(1);
});
