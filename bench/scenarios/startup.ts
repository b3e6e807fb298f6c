import { addNote, addRecord, type BenchContext } from '../context.js';
import { runLoad } from '../load.js';
import { rssMb, startCeilingServer, startServer } from '../processes.js';
import { messageLoad } from './message-create.js';
import { listPath } from './conversation-list.js';

/** Starts measured per figure (quick: 2); the median (of two: the later) is reported. */
const STARTS = { quick: 2, full: 3 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** cold_start: spawn `serve` on the already-migrated, seeded database until the first 200 on /health; floor: a bare Fastify process. */
export async function coldStart(ctx: BenchContext): Promise<void> {
  await ctx.account();
  const parley: number[] = [];
  const bare: number[] = [];
  const starts = ctx.options.quick ? STARTS.quick : STARTS.full;
  for (let i = 0; i < starts; i += 1) {
    const started = await startServer(ctx.serverEnv);
    parley.push(started.seconds);
    await started.child.stop();
    const ceiling = await startCeilingServer();
    bare.push(ceiling.seconds);
    await ceiling.child.stop();
  }
  addRecord(ctx, 'cold_start', 'seconds', median(parley), 's', median(bare));
  addNote(ctx, `cold_start: spawn to first 200 on /health, ${starts} starts: ${parley.map((s) => s.toFixed(3)).join(', ')} s; `
    + `bare Fastify process to its first 200: ${bare.map((s) => s.toFixed(3)).join(', ')} s (ceiling column = that floor)`);
}

/** idle_rss: VmRSS of the idle server after start and a short warm-up (list + message create); floor: bare Fastify after the same. */
export async function idleRss(ctx: BenchContext): Promise<void> {
  const account = await ctx.account();
  const { child: server } = await startServer(ctx.serverEnv);
  let parley: number;
  try {
    const headers = { api_access_token: account.adminToken };
    const path = listPath(account.accountId, { assigneeType: 'all', status: 'open', page: 1 });
    await runLoad({ port: server.port, method: 'GET', headers, connections: 2, seconds: 1, rate: 200, next: () => ({ path }) });
    await runLoad(messageLoad(server.port, account, 2, 1, 100));
    await new Promise((r) => setTimeout(r, 2000));
    parley = rssMb(server.pid);
  } finally {
    await server.stop();
  }
  const { child: bare } = await startCeilingServer();
  let floor: number;
  try {
    await runLoad({ port: bare.port, method: 'GET', connections: 2, seconds: 1, rate: 300, next: () => ({ path: '/json/2048' }) });
    await new Promise((r) => setTimeout(r, 2000));
    floor = rssMb(bare.pid);
  } finally {
    await bare.stop();
  }
  addRecord(ctx, 'idle_rss', 'rss_mb', parley, 'MB', floor);
  addNote(ctx, `idle_rss: whole server process (HTTP, /cable, dispatcher, jobs${ctx.redisUrl ? ', Redis clients' : ''}) after 1 s of lists and 1 s of message creates, `
    + `then 2 s idle: ${parley.toFixed(1)} MB; a bare Fastify process after the same: ${floor.toFixed(1)} MB (ceiling column = that floor)`);
}
