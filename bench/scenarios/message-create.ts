import { measureDbWriteCeiling } from '../ceilings.js';
import { addNote, addRecord, byteLength, type BenchContext } from '../context.js';
import type { BenchAccount } from '../fixtures.js';
import { describeLoad, runLoad, runPaced, type LoadResult, type LoadSpec } from '../load.js';
import { cpuMs, httpJson, rssMb, startServer, type Child } from '../processes.js';
import { CableSubscriber, WebhookReceiver, waitUntil } from '../subscribers.js';

const SCENARIO = 'message_create';

/** The POST load on one server: incoming messages spread over the account's conversations. */
export function messageLoad(port: number, account: BenchAccount, connections: number, seconds: number, rate?: number): LoadSpec {
  let n = 0;
  return {
    port, method: 'POST', connections, seconds, ...(rate === undefined ? {} : { rate }),
    headers: { api_access_token: account.adminToken },
    next: () => {
      n += 1;
      const displayId = 1 + Math.floor(Math.random() * account.conversations);
      return {
        path: `/api/v1/accounts/${account.accountId}/conversations/${displayId}/messages`,
        body: JSON.stringify({ content: `Bench message ${n} from the load generator`, message_type: 'incoming' }),
      };
    },
  };
}

/** The listeners the issue asks for: one websocket subscriber (the administrator) and one webhook subscriber. */
interface Listeners {
  cable: CableSubscriber | null;
  webhook: WebhookReceiver | null;
}

async function attachListeners(ctx: BenchContext, server: Child, account: BenchAccount): Promise<Listeners> {
  let cable: CableSubscriber | null = null;
  try {
    cable = await CableSubscriber.connect(server.port, { pubsubToken: account.adminPubsubToken, accountId: account.accountId, userId: account.adminId });
  } catch (error) {
    addNote(ctx, `${SCENARIO}: no websocket subscriber attached (${(error as Error).message})`);
  }
  let webhook: WebhookReceiver | null = await WebhookReceiver.start();
  if (!(await webhook.register(server.port, account.accountId, account.adminToken, ['message_created']))) {
    addNote(ctx, `${SCENARIO}: no webhook subscriber attached (the server has no webhooks API)`);
    await webhook.close();
    webhook = null;
  }
  return { cable, webhook };
}

/** Waits (bounded) until both listeners have every event of the messages made so far (so the outbox has caught up). */
async function drained(listeners: Listeners, created: number, timeoutMs: number): Promise<boolean> {
  if (!listeners.cable && !listeners.webhook) {
    await new Promise((r) => setTimeout(r, 1000));
    return true;
  }
  return waitUntil(() => (listeners.cable?.count('message.created') ?? created) >= created
    && (listeners.webhook?.count('message_created') ?? created) >= created, timeoutMs);
}

/** One request to learn the response size the HTTP ceiling must match. */
async function sampleSizes(server: Child, account: BenchAccount): Promise<{ request: number; response: number }> {
  const spec = messageLoad(server.port, account, 1, 1);
  const { path, body } = spec.next();
  const res = await httpJson(server.port, 'POST', path, JSON.parse(body as string), spec.headers);
  if (res.status !== 200) {
    throw new Error(`${SCENARIO}: sample POST answered ${res.status}: ${res.body.slice(0, 300)}`);
  }
  return { request: byteLength(body as string), response: byteLength(res.body) };
}

/** Reports what the listeners received against what was created. */
async function reportDeliveries(ctx: BenchContext, listeners: Listeners, created: number): Promise<void> {
  if (listeners.cable) {
    await waitUntil(() => (listeners.cable as CableSubscriber).count('message.created') >= created, 15_000);
    addNote(ctx, `${SCENARIO}: websocket subscriber received ${listeners.cable.count('message.created')} message.created events for ${created} messages created`);
    listeners.cable.close();
  }
  if (listeners.webhook) {
    await waitUntil(() => (listeners.webhook as WebhookReceiver).count('message_created') >= created, 15_000);
    addNote(ctx, `${SCENARIO}: webhook subscriber received ${listeners.webhook.count('message_created')} message_created deliveries for ${created} messages created`);
    await listeners.webhook.close();
  }
}

/** Runs the load phases on a started server: warm-up, saturation, then half the max rate. */
async function phases(ctx: BenchContext, server: Child, account: BenchAccount, listeners: Listeners): Promise<{ max: LoadResult; half: LoadResult; created: number }> {
  const { connections, phaseSeconds } = ctx.options;
  const warm = await runLoad(messageLoad(server.port, account, connections, Math.min(1, phaseSeconds)));
  let created = 1 + warm.ok;
  await drained(listeners, created, 15_000);
  const cpuBefore = cpuMs(server.pid);
  const max = await runLoad(messageLoad(server.port, account, connections, phaseSeconds));
  created += max.ok;
  if (!(await drained(listeners, created, 30_000))) {
    addNote(ctx, `${SCENARIO}: the outbox had not caught up 30 s after the saturation phase; the half-rate phase starts with a backlog`);
  } else if (max.ok > 0) {
    // CPU of the whole server (request, outbox consumers, websocket and webhook sends) per message, up to the last delivery:
    // unlike the rates, this hardly moves with what else runs on the machine.
    addNote(ctx, `${SCENARIO}: server CPU per message ${((cpuMs(server.pid) - cpuBefore) / max.ok).toFixed(2)} ms over the saturation phase until its last delivery`);
  }
  const rate = Math.max(1, max.throughput / 2);
  const half = await runPaced({ ...messageLoad(server.port, account, connections, phaseSeconds), rate });
  created += half.ok;
  addNote(ctx, describeLoad(`${SCENARIO} max`, max));
  addNote(ctx, describeLoad(`${SCENARIO} at half the max rate, paced (${rate.toFixed(0)}/s)`, half));
  return { max, half, created };
}

/** message_create: max msgs/s through the API against the HTTP ceiling, latency at half that rate, peak RSS, DB write ceiling. */
export async function messageCreate(ctx: BenchContext): Promise<void> {
  const account = await ctx.account();
  const { child: server } = await startServer(ctx.serverEnv);
  let result: { max: LoadResult; half: LoadResult; created: number };
  let sizes: { request: number; response: number };
  let peak: number;
  try {
    const listeners = await attachListeners(ctx, server, account);
    sizes = await sampleSizes(server, account);
    result = await phases(ctx, server, account, listeners);
    peak = rssMb(server.pid, 'VmHWM');
    await reportDeliveries(ctx, listeners, result.created);
  } finally {
    await server.stop();
  }
  const ceiling = await ctx.http.measure('POST', sizes.response, ctx.options.connections, ctx.options.phaseSeconds, sizes.request);
  addNote(ctx, describeLoad(`HTTP ceiling (bare Fastify, POST ${sizes.request} B → ${sizes.response} B)`, ceiling));
  addRecord(ctx, SCENARIO, 'throughput', result.max.throughput, 'msg/s', ceiling.throughput);
  addRecord(ctx, SCENARIO, 'p50_ms', result.half.p50, 'ms');
  addRecord(ctx, SCENARIO, 'p95_ms', result.half.p95, 'ms');
  addRecord(ctx, SCENARIO, 'p99_ms', result.half.p99, 'ms');
  addRecord(ctx, SCENARIO, 'rss_mb', peak, 'MB');
  const db = await measureDbWriteCeiling(ctx.database.url, Math.min(3, ctx.options.phaseSeconds), ctx.options.connections);
  addRecord(ctx, 'db_write_ceiling', 'throughput', db.rowsPerSecond, 'rows/s');
  addNote(ctx, `DB write ceiling (raw single-row INSERT+COMMIT into messages): ${db.rows} rows in ${db.seconds.toFixed(1)} s = ${db.rowsPerSecond.toFixed(0)}/s; `
    + `message_create reached ${((result.max.throughput / db.rowsPerSecond) * 100).toFixed(1)}% of it`);
}
