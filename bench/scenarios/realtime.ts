import { addNote, addRecord, type BenchContext } from '../context.js';
import { fanoutMarker, SocketCrowd } from '../fanout.js';
import { seedCrowd } from '../fixtures.js';
import { latencySummary } from '../results.js';
import { httpJson, rssMb, startCeilingServer, startServer, type Child } from '../processes.js';
import type { RoomUser } from '../subscribers.js';
import { waitUntil } from '../subscribers.js';

const crowds = new WeakMap<BenchContext, Promise<RoomUser[]>>();

/** One administrator per socket (seeded once per run), so that every socket is its own user's stream, as with real agents. */
function crowdUsers(ctx: BenchContext): Promise<RoomUser[]> {
  let users = crowds.get(ctx);
  if (!users) {
    users = ctx.account().then((account) => seedCrowd(ctx.database.url, account.accountId, ctx.options.sockets));
    crowds.set(ctx, users);
  }
  return users;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS of `child` before and 2 s after `crowd` connects `count` sockets to `url`. */
async function rssWithSockets(child: Child, crowd: SocketCrowd, url: string, users: RoomUser[] | null, count: number): Promise<{ before: number; after: number }> {
  await pause(1000);
  const before = rssMb(child.pid);
  await crowd.connect(url, users, count);
  await pause(2000);
  return { before, after: rssMb(child.pid) };
}

/** ws_idle: RSS of the server holding N subscribed, idle /cable sockets; floor: a raw `ws` server holding N sockets. */
export async function wsIdle(ctx: BenchContext): Promise<void> {
  const users = await crowdUsers(ctx);
  const n = users.length;
  const { child: server } = await startServer(ctx.serverEnv);
  const crowd = new SocketCrowd('message.created');
  let parley: { before: number; after: number };
  try {
    parley = await rssWithSockets(server, crowd, `ws://127.0.0.1:${server.port}/cable`, users, n);
  } finally {
    crowd.close();
    await server.stop();
  }
  const { child: bare } = await startCeilingServer();
  const raw = new SocketCrowd('bench');
  let floor: { before: number; after: number };
  try {
    floor = await rssWithSockets(bare, raw, `ws://127.0.0.1:${bare.port}/ws`, null, n);
  } finally {
    raw.close();
    await bare.stop();
  }
  addRecord(ctx, 'ws_idle', 'rss_mb', parley.after, 'MB', floor.after);
  const perSocket = (r: { before: number; after: number }) => (((r.after - r.before) * 1024) / n).toFixed(1);
  addNote(ctx, `ws_idle: ${n} subscribed sockets (one user each): server RSS ${parley.before.toFixed(1)} → ${parley.after.toFixed(1)} MB `
    + `(${perSocket(parley)} KB per socket); raw ws server ${floor.before.toFixed(1)} → ${floor.after.toFixed(1)} MB (${perSocket(floor)} KB per socket; ceiling column)`);
}

interface FanoutResult {
  delivered: number;
  expected: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Longest the sending loop of a fan-out phase may run; events not sent by then are not sent. */
const SEND_SECONDS = { quick: 5, full: 20 };

/** Sends up to `events` one after another with `send(k)` (bounded in time) and waits (bounded) until every socket has each of them. */
async function fanout(crowd: SocketCrowd, events: number, maxSeconds: number, send: (k: number) => Promise<void>): Promise<FanoutResult> {
  return (await fanoutAcross([crowd], events, maxSeconds, send)).all;
}

/** fanout() over several crowds (one per node); the figures of all of them together and of each. */
async function fanoutAcross(crowds: SocketCrowd[], events: number, maxSeconds: number, send: (k: number) => Promise<void>): Promise<{ all: FanoutResult; each: FanoutResult[] }> {
  const started = process.hrtime.bigint();
  const deadline = Date.now() + maxSeconds * 1000;
  let sent = 0;
  for (let k = 1; k <= events && Date.now() < deadline; k += 1) {
    crowds.forEach((c) => c.sent(k));
    await send(k);
    sent = k;
  }
  await waitUntil(() => crowds.every((c) => c.delivered >= sent * c.sockets.length), 30_000);
  const result = (parts: SocketCrowd[]): FanoutResult => {
    const delivered = parts.reduce((n, c) => n + c.delivered, 0);
    const last = parts.reduce((t, c) => (c.lastArrival > t ? c.lastArrival : t), 0n);
    const seconds = Number((last || process.hrtime.bigint()) - started) / 1e9;
    const { p50, p95, p99 } = latencySummary(parts.flatMap((c) => c.latencies));
    return { delivered, expected: sent * parts.reduce((n, c) => n + c.sockets.length, 0), seconds, throughput: delivered / seconds, p50, p95, p99 };
  };
  return { all: result(crowds), each: crowds.map((c) => result([c])) };
}

function describeFanout(label: string, r: FanoutResult): string {
  return `${label}: ${r.delivered}/${r.expected} frames in ${r.seconds.toFixed(2)} s = ${r.throughput.toFixed(0)} frames/s, `
    + `send→arrival p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
}

/** Parley: each event is a message created through the API; every socket's user receives its message.created. */
async function parleyFanout(ctx: BenchContext, users: RoomUser[], events: number): Promise<{ result: FanoutResult; frameBytes: number }> {
  const account = await ctx.account();
  const { child: server } = await startServer(ctx.serverEnv);
  const crowd = new SocketCrowd('message.created');
  try {
    await crowd.connect(`ws://127.0.0.1:${server.port}/cable`, users, users.length);
    const path = `/api/v1/accounts/${account.accountId}/conversations/1/messages`;
    const result = await fanout(crowd, events, ctx.options.quick ? SEND_SECONDS.quick : SEND_SECONDS.full, async (k) => {
      const res = await httpJson(server.port, 'POST', path, { content: `${fanoutMarker(k)} fan-out message`, message_type: 'incoming' }, { api_access_token: account.adminToken });
      if (res.status !== 200) {
        throw new Error(`ws_fanout: POST answered ${res.status}: ${res.body.slice(0, 200)}`);
      }
    });
    return { result, frameBytes: crowd.frameBytes };
  } finally {
    crowd.close();
    await server.stop();
  }
}

/** The ceiling: a raw `ws` server broadcasting frames of the same size to the same number of sockets. */
async function rawFanout(sockets: number, events: number, frameBytes: number): Promise<FanoutResult> {
  // Sends as many events as Parley managed to send, without a time limit of its own (they are fast).
  const { child } = await startCeilingServer();
  const crowd = new SocketCrowd('bench');
  try {
    await crowd.connect(`ws://127.0.0.1:${child.port}/ws`, null, sockets);
    return await fanout(crowd, events, SEND_SECONDS.full, async (k) => {
      await httpJson(child.port, 'POST', `/broadcast/${frameBytes}?k=${k}`, undefined);
    });
  } finally {
    crowd.close();
    await child.stop();
  }
}

/**
 * With Redis: two nodes on the same database and Redis, half of the sockets on each; the messages are
 * created through node 1, so node 2's sockets get every frame through Redis.
 */
async function twoNodeFanout(ctx: BenchContext, users: RoomUser[], events: number): Promise<{ all: FanoutResult; each: FanoutResult[] }> {
  const account = await ctx.account();
  const nodes: Child[] = [];
  const crowds = [new SocketCrowd('message.created'), new SocketCrowd('message.created')];
  try {
    for (let i = 0; i < 2; i += 1) {
      nodes.push((await startServer(ctx.serverEnv)).child);
    }
    const half = Math.ceil(users.length / 2);
    await crowds[0].connect(`ws://127.0.0.1:${nodes[0].port}/cable`, users.slice(0, half), half);
    await crowds[1].connect(`ws://127.0.0.1:${nodes[1].port}/cable`, users.slice(half), users.length - half);
    const path = `/api/v1/accounts/${account.accountId}/conversations/1/messages`;
    return await fanoutAcross(crowds, events, ctx.options.quick ? SEND_SECONDS.quick : SEND_SECONDS.full, async (k) => {
      const res = await httpJson(nodes[0].port, 'POST', path, { content: `${fanoutMarker(k)} two-node fan-out message`, message_type: 'incoming' }, { api_access_token: account.adminToken });
      if (res.status !== 200) {
        throw new Error(`ws_fanout_two_nodes: POST answered ${res.status}: ${res.body.slice(0, 200)}`);
      }
    });
  } finally {
    crowds.forEach((c) => c.close());
    await Promise.all(nodes.map((n) => n.stop()));
  }
}

function addFanoutRecords(ctx: BenchContext, scenario: string, result: FanoutResult, ceiling: FanoutResult): void {
  addRecord(ctx, scenario, 'throughput', result.throughput, 'frames/s', ceiling.throughput);
  addRecord(ctx, scenario, 'p50_ms', result.p50, 'ms');
  addRecord(ctx, scenario, 'p95_ms', result.p95, 'ms');
  addRecord(ctx, scenario, 'p99_ms', result.p99, 'ms');
}

/**
 * ws_fanout: N sockets (one user each), K messages created one after another; frames delivered per second and
 * send→arrival latency. With Redis on, again over two nodes (figures under `ws_fanout_two_nodes`).
 */
export async function wsFanout(ctx: BenchContext): Promise<void> {
  const users = await crowdUsers(ctx);
  const events = ctx.options.quick ? 20 : 100;
  const { result, frameBytes } = await parleyFanout(ctx, users, events);
  const sent = result.expected / users.length;
  const ceiling = await rawFanout(users.length, sent, frameBytes);
  addFanoutRecords(ctx, 'ws_fanout', result, ceiling);
  addNote(ctx, describeFanout(`ws_fanout: ${sent} messages created one after another (of ${events}; the sending loop is bounded in time), ${users.length} sockets, ${frameBytes} B frames`, result));
  addNote(ctx, describeFanout('ws_fanout ceiling (raw ws broadcast of the same frames)', ceiling));
  if (!ctx.redisUrl) {
    addNote(ctx, 'ws_fanout_two_nodes: skipped, it needs Redis (--redis on; the default with --db postgres)');
    return;
  }
  const two = await twoNodeFanout(ctx, users, events);
  addFanoutRecords(ctx, 'ws_fanout_two_nodes', two.all, ceiling);
  addNote(ctx, describeFanout(`ws_fanout_two_nodes: ${two.all.expected / users.length} messages created through node 1, ${users.length} sockets split over two nodes`, two.all));
  two.each.forEach((r, i) => addNote(ctx, describeFanout(`ws_fanout_two_nodes, sockets on node ${i + 1}${i === 0 ? '' : ' (every frame through Redis)'}`, r)));
}
