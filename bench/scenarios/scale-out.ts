import { availableParallelism } from 'node:os';
import { addNote, addRecord, type BenchContext } from '../context.js';
import type { BenchAccount } from '../fixtures.js';
import { describeLoad, runLoad, type LoadResult } from '../load.js';
import { startServer, type Child } from '../processes.js';
import { CableSubscriber, waitUntil } from '../subscribers.js';
import { messageLoad } from './message-create.js';

const SCENARIO = 'scale_out';

function subscriberOn(server: Child, account: BenchAccount): Promise<CableSubscriber> {
  return CableSubscriber.connect(server.port, { pubsubToken: account.adminPubsubToken, accountId: account.accountId, userId: account.adminId });
}

/** Both nodes' loads at once, connections split between them; combined 2xx per second over the longer phase. */
async function splitLoad(nodes: Child[], account: BenchAccount, connections: number, seconds: number): Promise<{ results: LoadResult[]; throughput: number; ok: number }> {
  const share = Math.max(1, Math.ceil(connections / nodes.length));
  const results = await Promise.all(nodes.map((n) => runLoad(messageLoad(n.port, account, share, seconds))));
  const ok = results.reduce((sum, r) => sum + r.ok, 0);
  return { results, ok, throughput: ok / Math.max(...results.map((r) => r.seconds)) };
}

/** Checks every subscriber got every message.created exactly once; returns a sentence saying so or not. */
async function deliveryCheck(subscribers: CableSubscriber[], created: number): Promise<string> {
  await waitUntil(() => subscribers.every((s) => s.count('message.created') >= created), 30_000);
  // A message from a request that timed out on the client may still be on its way to one of them: let them agree.
  await waitUntil(() => new Set(subscribers.map((s) => s.count('message.created'))).size === 1, 5_000);
  const counts = subscribers.map((s) => s.count('message.created'));
  const duplicates = subscribers.reduce((sum, s) => sum + s.duplicates, 0);
  // A request that timed out on the client may still have created its message: more than `created` is not a duplicate.
  const exact = counts.every((c) => c >= created && c === counts[0]) && duplicates === 0;
  return `${exact ? 'every' : 'NOT every'} websocket event delivered exactly once across nodes: subscribers on node 1 and node 2 `
    + `received ${counts.join(' and ')} message.created for ${created} messages created on either node, ${duplicates} duplicates`;
}

/** scale_out: message create on one node, then split over two nodes on the same PostgreSQL + Redis; ratio = two nodes / one. */
export async function scaleOut(ctx: BenchContext): Promise<void> {
  if (ctx.options.db !== 'postgres' || !ctx.redisUrl) {
    addNote(ctx, `${SCENARIO}: skipped, it needs --db postgres with --redis on (two nodes share one PostgreSQL and one Redis)`);
    return;
  }
  const account = await ctx.account();
  const { connections, phaseSeconds } = ctx.options;
  const nodes: Child[] = [];
  const subscribers: CableSubscriber[] = [];
  try {
    for (let i = 0; i < 2; i += 1) {
      nodes.push((await startServer(ctx.serverEnv)).child);
      subscribers.push(await subscriberOn(nodes[i], account));
    }
    let created = 0;
    const caughtUp = () => waitUntil(() => subscribers.every((s) => s.count('message.created') >= created), 30_000);
    for (const node of nodes) {
      created += (await runLoad(messageLoad(node.port, account, connections, Math.min(1, phaseSeconds)))).ok;
    }
    await caughtUp();
    const one = await runLoad(messageLoad(nodes[0].port, account, connections, phaseSeconds));
    created += one.ok;
    await caughtUp();
    const two = await splitLoad(nodes, account, connections, phaseSeconds);
    const delivered = await deliveryCheck(subscribers, created + two.ok);
    addRecord(ctx, SCENARIO, 'throughput', two.throughput, 'msg/s', one.throughput);
    addNote(ctx, describeLoad(`${SCENARIO} one node`, one));
    two.results.forEach((r, i) => addNote(ctx, describeLoad(`${SCENARIO} two nodes, node ${i + 1}`, r)));
    addNote(ctx, `${SCENARIO}: two nodes ${two.throughput.toFixed(0)} msg/s vs one node ${one.throughput.toFixed(0)} msg/s `
      + `= ${(two.throughput / one.throughput).toFixed(2)}× (ceiling column = one node). This machine has ${availableParallelism()} cores shared by `
      + 'both nodes, PostgreSQL, Redis and the load generator, so a second node adds no CPU; the ratio shows the cost of the split, not the gain of a second machine');
    addNote(ctx, `${SCENARIO}: ${delivered}`);
  } finally {
    subscribers.forEach((s) => s.close());
    await Promise.all(nodes.map((n) => n.stop()));
  }
}
