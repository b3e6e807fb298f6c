import { addNote, addRecord, type BenchContext } from '../context.js';
import { fanoutMarker, SocketCrowd } from '../fanout.js';
import { seedCrowd, type BenchAccount } from '../fixtures.js';
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
/** Messages sent (one at a time, untimed) before the measured phases, so lazily loaded code and first queries are not in the figures. */
const WARM_UP_EVENTS = 3;

/**
 * A fan-out phase: events `from`…`from + count - 1`. `oneByOne` sends each event once every socket has
 * the previous one (the latency of one message to N watchers, the target); otherwise they go
 * back to back (throughput: each message's frames then also wait behind the previous message's).
 */
interface Phase {
  from: number;
  count: number;
  oneByOne: boolean;
  maxSeconds: number;
}

/** Frames in flight are awaited this long at most. */
const DELIVERY_WAIT_MS = 30_000;

/** Runs one phase with `send(k)` (bounded in time and count) and waits (bounded) until every socket has each event sent. */
async function fanout(crowd: SocketCrowd, phase: Phase, send: (k: number) => Promise<void>): Promise<FanoutResult> {
  return (await fanoutAcross([crowd], phase, send)).all;
}

/** fanout() over several crowds (one per node); the figures of all of them together and of each. */
async function fanoutAcross(crowds: SocketCrowd[], phase: Phase, send: (k: number) => Promise<void>): Promise<{ all: FanoutResult; each: FanoutResult[] }> {
  crowds.forEach((c) => c.reset());
  const started = process.hrtime.bigint();
  const deadline = Date.now() + phase.maxSeconds * 1000;
  const allHave = (events: number) => crowds.every((c) => c.delivered >= events * c.sockets.length);
  let sent = 0;
  for (let k = phase.from; k < phase.from + phase.count && Date.now() < deadline; k += 1) {
    crowds.forEach((c) => c.sent(k));
    await send(k);
    sent += 1;
    if (phase.oneByOne && !await waitUntil(() => allHave(sent), DELIVERY_WAIT_MS, 1)) {
      break;
    }
  }
  await waitUntil(() => allHave(sent), DELIVERY_WAIT_MS);
  const result = (parts: SocketCrowd[]): FanoutResult => {
    const delivered = parts.reduce((n, c) => n + c.delivered, 0);
    const last = parts.reduce((t, c) => (c.lastArrival > t ? c.lastArrival : t), 0n);
    const seconds = Number((last || process.hrtime.bigint()) - started) / 1e9;
    const { p50, p95, p99 } = latencySummary(parts.flatMap((c) => c.latencies));
    return { delivered, expected: sent * parts.reduce((n, c) => n + c.sockets.length, 0), seconds, throughput: delivered / seconds, p50, p95, p99 };
  };
  return { all: result(crowds), each: crowds.map((c) => result([c])) };
}

/** The phases of a fan-out run, in order: warm-up (figures dropped), one by one, back to back. */
function fanoutPhases(ctx: BenchContext, events: number): { warmUp: Phase; oneByOne: Phase; burst: Phase } {
  const maxSeconds = ctx.options.quick ? SEND_SECONDS.quick : SEND_SECONDS.full;
  return {
    warmUp: { from: 1, count: WARM_UP_EVENTS, oneByOne: true, maxSeconds },
    oneByOne: { from: 1 + WARM_UP_EVENTS, count: events, oneByOne: true, maxSeconds },
    burst: { from: 1 + WARM_UP_EVENTS + events, count: events, oneByOne: false, maxSeconds },
  };
}

/** Runs the three phases with `send`; the figures of the measured two. */
async function fanoutRun<T>(phases: ReturnType<typeof fanoutPhases>, run: (phase: Phase) => Promise<T>): Promise<{ oneByOne: T; burst: T }> {
  await run(phases.warmUp);
  const oneByOne = await run(phases.oneByOne);
  const burst = await run(phases.burst);
  return { oneByOne, burst };
}

function describeFanout(label: string, r: FanoutResult): string {
  return `${label}: ${r.delivered}/${r.expected} frames in ${r.seconds.toFixed(2)} s = ${r.throughput.toFixed(0)} frames/s, `
    + `send→arrival p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
}

type Phases = ReturnType<typeof fanoutPhases>;
interface FanoutFigures { oneByOne: FanoutResult; burst: FanoutResult }

/** Creates fan-out message k through the API on `port`. */
async function createMessage(port: number, account: BenchAccount, k: number, label: string): Promise<void> {
  const path = `/api/v1/accounts/${account.accountId}/conversations/1/messages`;
  const res = await httpJson(port, 'POST', path, { content: `${fanoutMarker(k)} ${label} message`, message_type: 'incoming' }, { api_access_token: account.adminToken });
  if (res.status !== 200) {
    throw new Error(`${label}: POST answered ${res.status}: ${res.body.slice(0, 200)}`);
  }
}

/** Parley: each event is a message created through the API; every socket's user receives its message.created. */
async function parleyFanout(ctx: BenchContext, users: RoomUser[], phases: Phases): Promise<FanoutFigures & { frameBytes: number }> {
  const account = await ctx.account();
  const { child: server } = await startServer(ctx.serverEnv);
  const crowd = new SocketCrowd('message.created');
  try {
    await crowd.connect(`ws://127.0.0.1:${server.port}/cable`, users, users.length);
    const figures = await fanoutRun(phases, (phase) => fanout(crowd, phase, (k) => createMessage(server.port, account, k, 'ws_fanout')));
    return { ...figures, frameBytes: crowd.frameBytes };
  } finally {
    crowd.close();
    await server.stop();
  }
}

/** The ceiling: a raw `ws` server broadcasting frames of the same size to the same number of sockets, in the same phases. */
async function rawFanout(sockets: number, phases: Phases, frameBytes: number): Promise<FanoutFigures> {
  const { child } = await startCeilingServer();
  const crowd = new SocketCrowd('bench');
  try {
    await crowd.connect(`ws://127.0.0.1:${child.port}/ws`, null, sockets);
    return await fanoutRun(phases, (phase) => fanout(crowd, phase, async (k) => {
      await httpJson(child.port, 'POST', `/broadcast/${frameBytes}?k=${k}`, undefined);
    }));
  } finally {
    crowd.close();
    await child.stop();
  }
}

/**
 * With Redis: two nodes on the same database and Redis, half of the sockets on each; the messages are
 * created through node 1, so node 2's sockets get every frame through Redis.
 */
async function twoNodeFanout(ctx: BenchContext, users: RoomUser[], phases: Phases): Promise<{ oneByOne: { all: FanoutResult; each: FanoutResult[] }; burst: { all: FanoutResult; each: FanoutResult[] } }> {
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
    return await fanoutRun(phases, (phase) => fanoutAcross(crowds, phase, (k) => createMessage(nodes[0].port, account, k, 'ws_fanout_two_nodes')));
  } finally {
    crowds.forEach((c) => c.close());
    await Promise.all(nodes.map((n) => n.stop()));
  }
}

/** Throughput from the back-to-back phase (ceiling: raw ws's), latency from the one-by-one phase. */
function addFanoutRecords(ctx: BenchContext, scenario: string, figures: FanoutFigures, ceiling: FanoutFigures): void {
  addRecord(ctx, scenario, 'throughput', figures.burst.throughput, 'frames/s', ceiling.burst.throughput);
  addRecord(ctx, scenario, 'p50_ms', figures.oneByOne.p50, 'ms');
  addRecord(ctx, scenario, 'p95_ms', figures.oneByOne.p95, 'ms');
  addRecord(ctx, scenario, 'p99_ms', figures.oneByOne.p99, 'ms');
}

const ONE_BY_ONE = 'one by one (each sent once every socket has the previous)';
const BACK_TO_BACK = 'back to back';

/**
 * ws_fanout: N sockets (one user each). After a short warm-up, K messages created through the API one by one
 * (send→arrival latency of one message to N watchers: the p50/p95/p99 figures), then K back to back (frames
 * delivered per second: the throughput figure). With Redis on, again over two nodes (`ws_fanout_two_nodes`).
 */
export async function wsFanout(ctx: BenchContext): Promise<void> {
  const users = await crowdUsers(ctx);
  const phases = fanoutPhases(ctx, ctx.options.quick ? 20 : 100);
  const parley = await parleyFanout(ctx, users, phases);
  // The ceiling sends as many events as Parley managed to send in each phase (the loops are bounded in time).
  const sentIn = (r: FanoutResult) => r.expected / users.length;
  const ceiling = await rawFanout(users.length, {
    ...phases, oneByOne: { ...phases.oneByOne, count: sentIn(parley.oneByOne) }, burst: { ...phases.burst, count: sentIn(parley.burst) },
  }, parley.frameBytes);
  addFanoutRecords(ctx, 'ws_fanout', parley, ceiling);
  const label = `ws_fanout: ${users.length} sockets, ${parley.frameBytes} B frames, messages created through the API`;
  addNote(ctx, describeFanout(`${label}, ${sentIn(parley.oneByOne)} ${ONE_BY_ONE}`, parley.oneByOne));
  addNote(ctx, describeFanout(`${label}, ${sentIn(parley.burst)} ${BACK_TO_BACK}`, parley.burst));
  addNote(ctx, describeFanout(`ws_fanout ceiling (raw ws broadcast of the same frames), ${ONE_BY_ONE}`, ceiling.oneByOne));
  addNote(ctx, describeFanout(`ws_fanout ceiling, ${BACK_TO_BACK}`, ceiling.burst));
  if (!ctx.redisUrl) {
    addNote(ctx, 'ws_fanout_two_nodes: skipped, it needs Redis (--redis on; the default with --db postgres)');
    return;
  }
  const two = await twoNodeFanout(ctx, users, phases);
  addFanoutRecords(ctx, 'ws_fanout_two_nodes', { oneByOne: two.oneByOne.all, burst: two.burst.all }, ceiling);
  for (const [name, run] of [[ONE_BY_ONE, two.oneByOne], [BACK_TO_BACK, two.burst]] as const) {
    addNote(ctx, describeFanout(`ws_fanout_two_nodes: messages created through node 1, ${users.length} sockets split over two nodes, ${name}`, run.all));
    run.each.forEach((r, i) => addNote(ctx, describeFanout(`  sockets on node ${i + 1}${i === 0 ? '' : ' (every frame through Redis)'}`, r)));
  }
}
